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
}
