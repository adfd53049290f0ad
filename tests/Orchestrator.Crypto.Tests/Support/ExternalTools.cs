namespace Orchestrator.Crypto.Tests.Support;

/// <summary>
/// The command-line tools the real cluster uses (OpenSSL, Java's keytool). Tests that need one skip, saying
/// which, when it is not installed, rather than failing or passing silently.
/// </summary>
internal static class ExternalTools
{
    public static string RequireOpenSsl() => Require("openssl");

    public static string RequireKeytool() => Require("keytool");

    private static string Require(string name)
    {
        var path = Find(name);
        if (path is null)
        {
            Assert.Skip($"'{name}' is not on PATH; install it to run this interoperability test.");
        }

        return path;
    }

    private static string? Find(string name)
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return directories
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
    }
}
