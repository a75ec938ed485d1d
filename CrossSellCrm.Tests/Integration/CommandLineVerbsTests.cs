using CrossSellCrm.Web.Hosting;
using CrossSellCrm.Tests.Support;

namespace CrossSellCrm.Tests.Integration;

public class CommandLineVerbsTests
{
    private static async Task<(int Code, string Out, string Err)> Run(string[] args, string? database = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var settings = database is null ? null : new Dictionary<string, string?> { ["ConnectionStrings:Crm"] = $"Data Source={database}" };
        var code = await CommandLineVerbs.RunAsync(args, output, error, settings);
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("migrate")]
    [InlineData("seed")]
    [InlineData("--help")]
    public void Handles_Verbs_ButNotWebHostArguments(string verb)
    {
        Assert.True(CommandLineVerbs.Handles([verb]));
        Assert.False(CommandLineVerbs.Handles(["--urls", "http://127.0.0.1:5000"]));
        Assert.False(CommandLineVerbs.Handles([]));
    }

    [Fact]
    public async Task UnknownVerb_ExitsWithTwoInsteadOfStartingTheWebApp()
    {
        Assert.True(CommandLineVerbs.Handles(["sed"]));
        var (code, _, error) = await Run(["sed", "--customers", "5"]);
        Assert.Equal(2, code);
        Assert.Contains("sed", error);
    }

    [Fact]
    public async Task Help_ListsTheVerbs()
    {
        var (code, output, _) = await Run(["--help"]);
        Assert.Equal(0, code);
        Assert.Contains("migrate", output);
        Assert.Contains("seed", output);
    }

    [Fact]
    public async Task Seed_NotANumber_ExitsWithTwoAndSaysWhy()
    {
        var (code, _, error) = await Run(["seed", "--customers", "many"]);
        Assert.Equal(2, code);
        Assert.Contains("many", error);
    }

    [Fact]
    public async Task Seed_ZeroCustomers_IsRejectedByTheValidator()
    {
        var (code, _, error) = await Run(["seed", "--customers", "0"]);
        Assert.Equal(2, code);
        Assert.Contains("--customers must be between 1 and 2,000,000", error);
    }

    [Fact]
    public async Task Seed_UnknownOption_ExitsWithTwo()
    {
        var (code, _, error) = await Run(["seed", "--clients", "5"]);
        Assert.Equal(2, code);
        Assert.Contains("--clients", error);
    }

    [Fact]
    public async Task MigrateThenSeed_EmptyFile_SeedsOnceAndRefusesTheSecondTime()
    {
        var path = TempSqlite.NewPath("crm-cli");
        try
        {
            Assert.Equal(0, (await Run(["migrate"], path)).Code);
            var (code, output, _) = await Run(["seed", "--customers", "150", "--orders", "1200"], path);
            Assert.Equal(0, code);
            Assert.Contains("Seeded 150 customers", output);
            var again = await Run(["seed", "--customers", "150"], path);
            Assert.Equal(2, again.Code);
            Assert.Contains("already holds customers", again.Err);
            Assert.Contains("up to date", (await Run(["migrate"], path)).Out);
        }
        finally
        {
            TempSqlite.Delete(path);
        }
    }

    [Theory]
    [InlineData("evaluate")]
    [InlineData("recommend", "--customer", "C0000001")]
    public async Task ReadOnlyVerb_MissingDatabase_SaysSoAndLeavesNoFileBehind(params string[] args)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"crm-missing-{Guid.NewGuid():N}");
        var path = Path.Combine(folder, "crm.db");
        var (code, _, error) = await Run(args, path);
        Assert.Equal(1, code);
        Assert.Equal($"error: the database '{path}' does not exist. Run `migrate` and `seed` first, or point ConnectionStrings:Crm at your database.", error.Trim());
        Assert.False(File.Exists(path));
        Assert.False(Directory.Exists(folder));
    }

    [Theory]
    [InlineData("evaluate")]
    [InlineData("recommend", "--customer", "C0000001")]
    public async Task ReadOnlyVerb_EmptyDatabaseFile_SaysToMigrate(params string[] args)
    {
        var path = TempSqlite.NewPath("crm-empty");
        await File.WriteAllBytesAsync(path, []);
        try
        {
            var (code, _, error) = await Run(args, path);
            Assert.Equal(1, code);
            Assert.Equal($"error: the database '{path}' is not (fully) migrated; run `migrate` (and `seed`) first.", error.Trim());
            Assert.Equal(0, new FileInfo(path).Length);
        }
        finally { TempSqlite.Delete(path); }
    }

    public static TheoryData<string, string[]> UnreadableDatabases() => new()
    {
        { "random", ["migrate"] }, { "random", ["seed", "--customers", "10", "--orders", "100"] }, { "random", ["evaluate"] }, { "random", ["recommend", "--customer", "C0000001"] },
        { "text", ["migrate"] }, { "text", ["seed", "--customers", "10", "--orders", "100"] }, { "text", ["evaluate"] }, { "text", ["recommend", "--customer", "C0000001"] },
    };

    [Theory]
    [MemberData(nameof(UnreadableDatabases))]
    public async Task EveryDatabaseVerb_FileThatIsNoDatabase_OneLineAndExitCode3(string content, string[] args)
    {
        var path = TempSqlite.NewPath("crm-unreadable");
        byte[] bytes = content == "random" ? RandomBytes(100_000) : "Customers and their orders, as text.\n"u8.ToArray();
        await File.WriteAllBytesAsync(path, bytes);
        try
        {
            var (code, _, error) = await Run(args, path);
            Assert.Equal(3, code);
            Assert.Equal(
                $"error: the database '{path}' cannot be read (SQLite Error 26: 'file is not a database'): it is not an SQLite database, or it is damaged. " +
                "Restore it from a backup, or point ConnectionStrings:Crm at another file.", error.Trim());
            Assert.Equal(bytes, await File.ReadAllBytesAsync(path)); // left as it was
        }
        finally { TempSqlite.Delete(path); }
    }

    [Theory]
    [InlineData("evaluate")]
    [InlineData("recommend", "--customer", "C0000001")]
    [InlineData("seed", "--customers", "10")]
    public async Task DatabaseVerb_DamagedBeyondItsFirstPage_ExitCode3(params string[] args)
    {
        var path = TempSqlite.NewPath("crm-damaged");
        try
        {
            Assert.Equal(0, (await Run(["seed", "--customers", "150", "--orders", "1200"], path)).Code);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            await using (var file = File.OpenWrite(path)) file.SetLength(8192); // the schema page stays; the tables' pages are gone
            var (code, _, error) = await Run(args, path);
            Assert.Equal(3, code);
            Assert.StartsWith($"error: the database '{path}' cannot be read (SQLite Error 11: 'database disk image is malformed')", error.Trim());
            Assert.DoesNotContain("   at ", error);
        }
        finally { TempSqlite.Delete(path); }
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(3).NextBytes(bytes);
        return bytes;
    }
}
