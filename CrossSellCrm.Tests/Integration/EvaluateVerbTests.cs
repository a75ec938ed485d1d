using System.Text.Json;
using CrossSellCrm.Tests.Domain.Recommendations;
using CrossSellCrm.Tests.Support;
using CrossSellCrm.Web.Hosting;

namespace CrossSellCrm.Tests.Integration;

public class EvaluateVerbTests(CrmAppFactory app) : IClassFixture<CrmAppFactory>
{
    private static async Task<(int Code, string Out, string Err)> Run(string[] args, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CommandLineVerbs.RunAsync(["evaluate", .. args], output, error, settings);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Evaluate_BakeryFile_BasketCompletionForPopularityAndRules_AsJson()
    {
        var (code, output, _) = await Run(["--input", RealData.DatasetPath("BreadBasket_DMS.csv"), "--skip-item", "NONE", "--json"]);
        Assert.Equal(0, code);
        var report = JsonDocument.Parse(output).RootElement.GetProperty("report");
        Assert.True(report.GetProperty("cases").GetInt32() > 1000);
        var results = report.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["popularity", "rules"], results.Select(r => r.GetProperty("recommender").GetString()));
        Assert.All(results, r => Assert.InRange(r.GetProperty("hitRate").GetDouble(), 0.05, 1));
    }

    [Fact]
    public async Task Evaluate_Database_ComparesEveryRecommenderOnCustomersWithTheirMargin()
    {
        _ = app.CreateClient();
        var (code, output, _) = await Run(["--k", "3"], new Dictionary<string, string?> { ["ConnectionStrings:Crm"] = $"Data Source={app.DatabasePath}" });
        Assert.Equal(0, code);
        foreach (var name in new[] { "popularity", "rules", "curated", "engine", "engine-likelihood" })
            Assert.Matches($@"(?m)^{name}\s+([\d.]+\s+){{6}}[\d.]+$", output); // six metrics and the margin per case
        Assert.Contains("margin/case", output);
        Assert.Contains("test cases (post-purchase:", output);
    }

    [Theory]
    [InlineData("--k", "0", "--k must be between 1 and 50 (was 0).")]
    [InlineData("--train-fraction", "1", "--train-fraction must be greater than 0 and less than 1 (was 1).")]
    [InlineData("--train-fraction", "NaN", "--train-fraction must be greater than 0 and less than 1 (was NaN).")]
    [InlineData("--train-fraction", "-Infinity", "--train-fraction must be greater than 0 and less than 1 (was -Infinity).")]
    [InlineData("--min-support", "0", "--min-support must be greater than 0 and at most 1 (was 0).")]
    [InlineData("--min-support", "NaN", "--min-support must be greater than 0 and at most 1 (was NaN).")]
    [InlineData("--min-support", "Infinity", "--min-support must be greater than 0 and at most 1 (was Infinity).")]
    public async Task Evaluate_BadNumbers_ExitWithTwoNamingTheOptionAndValue(string option, string value, string expected)
    {
        // A database that is not there: the numbers are refused before anything is opened.
        var database = TempSqlite.NewPath("never-opened");
        var (code, _, error) = await Run([option, value], new Dictionary<string, string?> { ["ConnectionStrings:Crm"] = $"Data Source={database}" });
        Assert.Equal(2, code);
        Assert.Equal($"error: {expected}", error.Trim());
        Assert.False(File.Exists(database));
    }

    [Fact]
    public async Task Evaluate_FileWhoseBasketsFindTooManyItemsets_ExitsWithTwoInsteadOfFillingMemory()
    {
        // Ten transactions of the same 190 items: at any support, all 1.1 million triples of them are "frequent".
        var input = TempSqlite.NewPath("same-baskets") + ".csv";
        await File.WriteAllLinesAsync(input, ["Transaction,Item", .. Enumerable.Range(0, 10).SelectMany(t => Enumerable.Range(0, 190).Select(i => $"{t},item{i}"))]);
        try
        {
            var (code, _, error) = await Run(["--input", input]);
            Assert.Equal(2, code);
            Assert.Contains("error: mining the rules found more than 1,000,000 frequent itemsets: raise --min-support", error);
            Assert.DoesNotContain("   at ", error);
        }
        finally { File.Delete(input); }
    }
}
