using System.Text;
using Orchestrator.Cli.Commands;
using Orchestrator.Crypto;

namespace Orchestrator.Cli.Files;

/// <summary>
/// The two files <c>utils/tls.sh create-ca-keypair</c> leaves in its directory. Both are written owner-only from their
/// first byte, never over an existing file, and either both are written or neither is left behind.
/// </summary>
internal sealed class CaFiles
{
    public const string CertificateFileName = "ca_crt.pem";
    public const string KeyFileName = "ca_key.pem";

    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private CaFiles(string directory)
    {
        DirectoryPath = directory;
        CertificatePath = Path.Combine(directory, CertificateFileName);
        KeyPath = Path.Combine(directory, KeyFileName);
    }

    public string DirectoryPath { get; }

    public string CertificatePath { get; }

    public string KeyPath { get; }

    public static CaFiles At(string directory)
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new UsageException("--out: give the directory to write ca_crt.pem and ca_key.pem into");
        }

        return new CaFiles(Path.GetFullPath(directory));
    }

    /// <summary>Refuses before any work is done when the directory is a file or either file is already there.</summary>
    public void EnsureAbsent()
    {
        if (File.Exists(DirectoryPath))
        {
            throw new UsageException($"--out: {DirectoryPath} is a file; give a directory (it is created when missing)");
        }

        foreach (var path in new[] { CertificatePath, KeyPath })
        {
            if (Path.Exists(path))
            {
                throw new UsageException($"--out: {path} already exists; it is never overwritten: choose another directory or move the old CA files away");
            }
        }
    }

    public async Task WriteAsync(PemKeyPair pair, CancellationToken cancellationToken)
    {
        var written = new List<string>();
        try
        {
            CreateDirectory(DirectoryPath);
            await WriteNewAsync(CertificatePath, pair.CertificatePem, written, cancellationToken);
            await WriteNewAsync(KeyPath, pair.PrivateKeyPem, written, cancellationToken);
        }
        catch (Exception failure)
        {
            // Half a keypair is worse than none: it would block the next attempt and could be taken for a whole one.
            foreach (var path in written)
            {
                File.Delete(path);
            }

            if (failure is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--out: cannot write the CA files in {DirectoryPath}: {failure.Message}", failure);
            }

            throw;
        }
    }

    private static async Task WriteNewAsync(string path, string text, List<string> written, CancellationToken cancellationToken)
    {
        // CreateNew: a file that appeared since the check is refused, not replaced.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerReadWrite;
        }

        await using var stream = new FileStream(path, options);
        written.Add(path);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    /// <summary>Creates the directory and any missing parents, each 0700; an existing directory keeps its mode.</summary>
    private static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        var missing = new Stack<string>();
        for (var current = path; !Directory.Exists(current); current = Path.GetDirectoryName(current) ?? "/")
        {
            missing.Push(current);
        }

        while (missing.TryPop(out var directory))
        {
            Directory.CreateDirectory(directory, OwnerOnlyDirectory);
        }
    }
}
