using CrossSellCrm.Tests.Domain.Recommendations;
using CrossSellCrm.Tests.Support;
using CrossSellCrm.Web.Hosting;

namespace CrossSellCrm.Tests.Integration;

public class MineVerbTests
{
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CommandLineVerbs.RunAsync(["mine", .. args], output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Mine_MarketBaskets_PrintsCountsAndWritesRulesSortedByLift()
    {
        var file = TempSqlite.NewPath("rules") + ".csv";
        try
        {
            var (code, output, _) = await Run("--input", RealData.DatasetPath("Market_Basket_Optimisation.csv"),
                "--min-support", "0.003", "--min-confidence", "0.2", "--output", file);
            Assert.Equal(0, code);
            Assert.Contains("frequent itemsets: 1443", output);
            Assert.Contains("rules: 1348", output); // the count R's arules::apriori gives for these thresholds
            Assert.Matches(@"time: \d+ ms", output);
            var lines = await File.ReadAllLinesAsync(file);
            Assert.Equal("antecedent,consequent,support,confidence,lift,leverage,conviction,count", lines[0]);
            Assert.Equal(1349, lines.Length);
            Assert.Contains(",mineral water,0.238368217570991,0.238368217570991,1,0,1,1788", lines);
            Assert.StartsWith("mineral water & whole wheat pasta,olive oil,", lines[1]);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public async Task Mine_ItemNamesWithCommasAndQuotes_AreQuotedPerRfc4180()
    {
        var input = TempSqlite.NewPath("tx") + ".csv";
        var rules = input + ".rules.csv";
        try
        {
            await File.WriteAllTextAsync(input, "Invoice,Description\n1,\"CASE, BLUE\"\n1,\"12\"\" RULER\"\n2,\"CASE, BLUE\"\n2,\"12\"\" RULER\"\n");
            var (code, _, _) = await Run("--input", input, "--format", "transactions", "--transaction-column", "invoice",
                "--item-column", "DESCRIPTION", "--min-support", "0.5", "--min-confidence", "0.5", "--min-length", "2", "--output", rules);
            Assert.Equal(0, code);
            var lines = await File.ReadAllLinesAsync(rules);
            Assert.Contains("\"12\"\" RULER\",\"CASE, BLUE\",1,1,1,0,Inf,2", lines);
        }
        finally
        {
            File.Delete(input);
            File.Delete(rules);
        }
    }

    [Fact]
    public async Task Mine_BakeryTransactions_SkipsThePlaceholderItem()
    {
        var (code, output, _) = await Run("--input", RealData.DatasetPath("BreadBasket_DMS.csv"), "--format", "transactions",
            "--skip-item", "NONE", "--min-support", "0.002", "--min-confidence", "0.3", "--min-length", "2");
        Assert.Equal(0, code);
        Assert.Contains("baskets: 9465, items: 94", output);
        Assert.DoesNotContain("NONE", output);
    }

    [Theory]
    [InlineData("no file", "--input", "/no/such/file.csv", "--min-support", "0.1", "--min-confidence", "0.5")]
    [InlineData("holds no baskets", "--input", "/dev/null", "--min-support", "0.1", "--min-confidence", "0.5")]
    [InlineData("--min-support must be greater than 0", "--input", "/dev/null", "--min-support", "0", "--min-confidence", "0.5")]
    [InlineData("--min-confidence must be greater than 0 and at most 1", "--input", "/dev/null", "--min-support", "0.1", "--min-confidence", "1.01")]
    [InlineData("--max-length (1) must not be below --min-length", "--input", "/dev/null", "--min-support", "0.1", "--min-confidence", "0.5", "--min-length", "2", "--max-length", "1")]
    [InlineData("'--min-support' is required", "--input", "/dev/null", "--min-confidence", "0.5")]
    [InlineData("xml", "--input", "/dev/null", "--format", "xml", "--min-support", "0.1", "--min-confidence", "0.5")]
    public async Task Mine_BadInput_ExitsWithTwoAndSaysWhy(string expected, params string[] args)
    {
        var (code, _, error) = await Run(args);
        Assert.Equal(2, code);
        Assert.Contains(expected, error);
    }

    [Fact]
    public async Task Mine_UnknownColumn_NamesTheColumnsThereAre()
    {
        var (code, _, error) = await Run("--input", RealData.DatasetPath("BreadBasket_DMS.csv"), "--format", "transactions",
            "--item-column", "Product", "--min-support", "0.1", "--min-confidence", "0.5");
        Assert.Equal(2, code);
        Assert.Contains("--item-column: no column 'Product'. The header has: Date, Time, Transaction, Item.", error);
    }
}
