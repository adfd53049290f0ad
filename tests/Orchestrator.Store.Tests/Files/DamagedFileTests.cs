using LiteDB;
using Orchestrator.Core.Persistence;
using Orchestrator.Core.Rotations;
using Orchestrator.Store.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Store.Tests.Files;

/// <summary>Every refusal must leave the file byte for byte as it was: LiteDB alone would rewrite it.</summary>
public sealed class DamagedFileTests
{
    [Fact]
    public void Open_RandomBytes_RefusesAsNotAStateFile()
    {
        using var directory = new TemporaryDirectory();
        var bytes = new byte[20_000];
        new Random(7).NextBytes(bytes);
        var path = directory.Write("state.db", bytes);

        var error = AssertRefused(path);

        Assert.Equal($"state file {path} is not an orchestrator state file (not a LiteDB database); move it aside or choose another path", error.Message);
    }

    [Theory]
    [InlineData("hello\n")]
    [InlineData("a text file that someone saved under the state file's name\n")]
    public void Open_ShortTextFile_RefusesAsNotAStateFile(string text)
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Write("state.db", text);

        Assert.Contains("is not an orchestrator state file", AssertRefused(path).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_LongTextFile_RefusesAsNotAStateFile()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Write("state.db", string.Concat(Enumerable.Repeat("cluster: example\nregions: [a, b]\n", 2_000)));

        Assert.Contains("is not an orchestrator state file", AssertRefused(path).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ZeroLengthFile_RefusesAsEmptyAndLeavesItUntouched()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Write("state.db", []);

        var error = AssertRefused(path);

        Assert.Equal($"state file {path} is empty (0 bytes), which no state file is; it is left untouched: restore it from a backup or move it aside", error.Message);
        Assert.Equal(["state.db"], Directory.GetFileSystemEntries(directory.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Open_TruncatedDatabase_RefusesAsTruncated(int keepNumerator)
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        await WriteSeveralRotationsAsync(path);
        var whole = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        // Two thirds rounded to whole pages, or not.
        var length = keepNumerator == 2 ? whole.Length * 2 / 3 / 8192 * 8192 : (whole.Length * 2 / 3) + 100;
        await File.WriteAllBytesAsync(path, whole[..length], TestContext.Current.CancellationToken);

        var error = AssertRefused(path);

        Assert.StartsWith($"state file {path} is truncated ({length} bytes where its header needs {whole.Length})", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_DatabaseCutInsideItsFirstPage_RefusesAsTruncated()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        await WriteSeveralRotationsAsync(path);
        var whole = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(path, whole[..4000], TestContext.Current.CancellationToken);

        Assert.Contains("is truncated (4000 bytes, less than its first page)", AssertRefused(path).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operations_DatabaseWithDamagedPages_FailWithStoreException()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        await WriteSeveralRotationsAsync(path);
        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        new Random(3).NextBytes(bytes.AsSpan(8192));
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);

        var error = await Record.ExceptionAsync(async () =>
        {
            using var store = TestStores.Open(path);
            await store.ListAsync(TestContext.Current.CancellationToken);
            await store.FindAsync(RotationId.Parse("rot-3"), TestContext.Current.CancellationToken);
        });

        var refusal = Assert.IsType<StoreException>(error);
        Assert.Contains(path, refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refusal.Message);
    }

    [Fact]
    public void Open_LiteDbFileOfAnotherProgram_RefusesNamingItsCollections()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        using (var other = new LiteDatabase($"Filename={path};Connection=shared"))
        {
            other.GetCollection("customers").Insert(new BsonDocument { ["name"] = "Ada" });
        }

        var error = AssertRefused(path);

        Assert.Equal($"state file {path} is a LiteDB database of another program (collections: customers); move it aside or choose another path", error.Message);
    }

    [Fact]
    public void Open_PathIsADirectory_Refuses()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        Directory.CreateDirectory(path);

        Assert.Equal($"state file {path} is a directory; give the path of a file", Assert.Throws<StoreException>(() => TestStores.Open(path)).Message);
    }

    [Fact]
    public void Open_ParentIsAFile_RefusesNamingTheFile()
    {
        using var directory = new TemporaryDirectory();
        var parent = directory.Write("not-a-directory", "x");
        var path = Path.Combine(parent, "state.db");

        var error = Assert.Throws<StoreException>(() => TestStores.Open(path));

        Assert.StartsWith($"cannot create the directory of state file {path}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_FileWithoutPermissions_RefusesNamingTheFile()
    {
        Assert.SkipWhen(FileModes.RunningAsRoot, "root reads and writes any file, whatever its mode");
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        TestStores.Open(path).Dispose();
        File.SetUnixFileMode(path, UnixFileMode.UserRead);

        var error = Assert.Throws<StoreException>(() => TestStores.Open(path));

        Assert.Equal($"cannot read and write state file {path}: permission denied; check its owner and mode", error.Message);
    }

    private static StoreException AssertRefused(string path)
    {
        var before = File.ReadAllBytes(path);

        var error = Assert.Throws<StoreException>(() => TestStores.Open(path));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.DoesNotContain('\n', error.Message);
        return error;
    }

    private static async Task WriteSeveralRotationsAsync(string path)
    {
        using var store = TestStores.Open(path);
        for (var i = 0; i < 6; i++)
        {
            await store.CreateAsync(TestRotations.Full($"rot-{i}"), [TestRotations.Entry($"rot-{i}", 1)], TestContext.Current.CancellationToken);
        }
    }
}
