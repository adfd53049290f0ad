using System.Text;
using Orchestrator.Core.Persistence;
using Orchestrator.Core.Rotations;
using Orchestrator.Store.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Store.Tests.Security;

public sealed class EncryptionAtRestTests
{
    private const int Window = 16;

    [Fact]
    public async Task CreateAsync_KnownPrivateKey_NoPartOfItLiesInAnyFileBesideTheKey()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        var pem = TestRotations.PrivateKeyPem;
        using (var store = TestStores.OpenWithKeyFile(path))
        {
            var rotation = TestRotations.Full("rot-1");
            await store.CreateAsync(rotation, [TestRotations.Entry("rot-1", 1)], TestContext.Current.CancellationToken);
            await store.SaveAsync(rotation, [TestRotations.Entry("rot-1", 2)], TestContext.Current.CancellationToken);
        }

        var body = string.Concat(pem.Split('\n').Where(line => line.Length > 0 && !line.StartsWith("-----", StringComparison.Ordinal)));
        var der = Convert.FromBase64String(body);
        var files = Directory.GetFiles(directory.Path, "*", SearchOption.AllDirectories).Where(file => !file.EndsWith(".key", StringComparison.Ordinal)).ToList();
        Assert.Contains(path, files);
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            var text = Encoding.Latin1.GetString(bytes);
            Assert.DoesNotContain(pem, text, StringComparison.Ordinal);
            Assert.DoesNotContain(body, text, StringComparison.Ordinal);
            var leakedText = Enumerable.Range(0, body.Length - Window + 1)
                .Select(start => body.Substring(start, Window))
                .Where(piece => text.Contains(piece, StringComparison.Ordinal))
                .ToList();
            Assert.Empty(leakedText);
            var leakedBytes = Enumerable.Range(0, der.Length - Window + 1)
                .Where(start => bytes.AsSpan().IndexOf(der.AsSpan(start, Window)) >= 0)
                .ToList();
            Assert.Empty(leakedBytes);
        }

        // The scan reads what the store wrote: the certificate, which is not secret, is there in plain text.
        Assert.Contains("MIIBca1certificate", Encoding.Latin1.GetString(File.ReadAllBytes(path)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_AnotherKey_ThrowsKeyMismatchNamingBothSources()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        using (var store = TestStores.Open(path))
        {
            await store.CreateAsync(TestRotations.New("rot-1"), [], TestContext.Current.CancellationToken);
        }

        var error = Assert.Throws<StoreException>(() => TestStores.Open(path, TestStores.OtherKey));

        Assert.Equal($"cannot decrypt state file {path}: the state key does not match (ORCHESTRATOR_STATE_KEY or {path}.key); use the key it was written with (ORCHESTRATOR_STATE_KEY, when set, is used instead of {path}.key)", error.Message);
    }

    [Fact]
    public async Task Open_KeyFileReplaced_ThrowsKeyMismatch()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        using (var store = TestStores.OpenWithKeyFile(path))
        {
            await store.CreateAsync(TestRotations.New("rot-1"), [], TestContext.Current.CancellationToken);
        }

        await File.WriteAllBytesAsync(path + ".key", Convert.FromBase64String(TestStores.OtherKey), TestContext.Current.CancellationToken);
        File.SetUnixFileMode(path + ".key", FileModes.OwnerReadWrite);

        var error = Assert.Throws<StoreException>(() => TestStores.OpenWithKeyFile(path));
        Assert.StartsWith($"cannot decrypt state file {path}: the state key does not match", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_KeyFileGone_ThrowsAndMakesNoNewKey()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        using (var store = TestStores.OpenWithKeyFile(path))
        {
            await store.CreateAsync(TestRotations.New("rot-1"), [], TestContext.Current.CancellationToken);
        }

        File.Delete(path + ".key");

        var error = Assert.Throws<StoreException>(() => TestStores.OpenWithKeyFile(path));
        Assert.Contains($"its key file {path}.key is missing", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path + ".key"));
    }

    [Fact]
    public async Task Open_KeyFromEnvironment_WritesNoKeyFileAndReopens()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        using (var store = TestStores.Open(path))
        {
            await store.CreateAsync(TestRotations.New("rot-1"), [], TestContext.Current.CancellationToken);
        }

        using var reopened = TestStores.Open(path);

        Assert.False(File.Exists(path + ".key"));
        Assert.Equal(TestRotations.PrivateKeyPem, (await reopened.FindAsync(RotationId.Parse("rot-1"), TestContext.Current.CancellationToken))!.OldCa!.PrivateKey.Reveal());
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void Open_KeyThatIsNotA256BitKey_Throws(string key)
    {
        using var directory = new TemporaryDirectory();

        var error = Assert.Throws<StoreException>(() => TestStores.Open(directory.File("state.db"), key));

        Assert.StartsWith("ORCHESTRATOR_STATE_KEY is not a state key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_KeyFileReadableByOthers_Throws()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        TestStores.OpenWithKeyFile(path).Dispose();
        File.SetUnixFileMode(path + ".key", FileModes.OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var error = Assert.Throws<StoreException>(() => TestStores.OpenWithKeyFile(path));

        Assert.Contains("can be read by other users", error.Message, StringComparison.Ordinal);
    }
}
