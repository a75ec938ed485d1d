using System.Globalization;
using System.Text.RegularExpressions;
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
    public async Task Evaluate_BakeryFile_BasketCompletionForEveryRecommender_AsJsonWithIntervals()
    {
        var (code, output, _) = await Run(["--input", RealData.DatasetPath("BreadBasket_DMS.csv"), "--skip-item", "NONE", "--time-column", "Date,Time",
            "--transaction-column", "Transaction", "--k", "3", "--json"]);
        Assert.Equal(0, code);
        var report = JsonDocument.Parse(output).RootElement.GetProperty("report");
        Assert.True(report.GetProperty("cases").GetInt32() > 1000);
        var results = report.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["popularity", "rules", "item-knn", "engine"], results.Select(r => r.GetProperty("recommender").GetString()));
        foreach (var r in results)
        {
            foreach (var field in new[] { "k", "cases", "hitRate", "precision", "recall", "map", "ndcg", "coverage", "hitRateLow", "hitRateHigh" })
                Assert.True(r.TryGetProperty(field, out _), field);
            Assert.InRange(r.GetProperty("hitRate").GetDouble(), 0.05, 1);
            Assert.InRange(r.GetProperty("hitRate").GetDouble(), r.GetProperty("hitRateLow").GetDouble(), r.GetProperty("hitRateHigh").GetDouble());
        }
    }

    [Fact]
    public async Task Evaluate_TinyFileWithCustomersTimesAndReturns_WindowByDefault_CountsWhatWasDropped()
    {
        var input = TempSqlite.NewPath("tiny-purchases") + ".csv";
        var lines = new List<string> { "InvoiceNo,StockCode,Quantity,InvoiceDate,CustomerID" };
        for (var c = 0; c < 40; c++)
        {
            lines.Add($"A{c},mug,1,2020-01-0{1 + c % 5} 10:00:00,{c}");
            lines.Add($"A{c},tea,1,2020-01-0{1 + c % 5} 10:00:00,{c}");
            lines.Add($"B{c},spoon,1,2020-02-0{1 + c % 5} 10:00:00,{c}");
        }
        lines.Add("R1,mug,-1,2020-01-02 11:00:00,3");
        lines.Add("C9,tea,1,2020-01-02 11:00:00,3");
        lines.Add("X1,mug,1,2020-01-02 11:00:00,NA");
        await File.WriteAllLinesAsync(input, lines);
        try
        {
            var (code, output, error) = await Run(["--input", input, "--transaction-column", "InvoiceNo", "--item-column", "StockCode", "--customer-column", "CustomerID",
                "--time-column", "InvoiceDate", "--time-format", "yyyy-MM-dd HH:mm:ss", "--quantity-column", "Quantity", "--train-fraction", "0.6", "--json"]);
            Assert.True(code == 0, error);
            var root = JsonDocument.Parse(output).RootElement;
            Assert.Equal(2, root.GetProperty("file").GetProperty("returnsDropped").GetInt32());
            Assert.Equal(1, root.GetProperty("file").GetProperty("anonymousLines").GetInt32());
            var report = root.GetProperty("report");
            Assert.StartsWith("window:", report.GetProperty("protocol").GetString());
            Assert.Equal(40, report.GetProperty("cases").GetInt32());
            Assert.All(report.GetProperty("results").EnumerateArray(), r => Assert.Equal(5, r.GetProperty("k").GetInt32()));
        }
        finally { File.Delete(input); }
    }

    [Theory]
    [InlineData(new[] { "--customer-column", "Client" }, "--customer-column: no column 'Client'. The header has: Transaction, Item, When.")]
    [InlineData(new[] { "--time-column", "When", "--time-format", "dd.MM.yyyy" }, "line 3: --time-column 'When' holds '2020-01-02', which does not match --time-format 'dd.MM.yyyy'.")]
    public async Task Evaluate_FileWithUnknownColumnOrBadTime_ExitsWithTwoSayingWhere(string[] options, string expected)
    {
        var input = TempSqlite.NewPath("bad-purchases") + ".csv";
        await File.WriteAllLinesAsync(input, ["Transaction,Item,When", "1,a,01.01.2020", "2,b,2020-01-02"]);
        try
        {
            var (code, _, error) = await Run(["--input", input, "--transaction-column", "Transaction", .. options]);
            Assert.Equal(2, code);
            Assert.Equal($"error: {input}: {expected}", error.Trim());
        }
        finally { File.Delete(input); }
    }

    [Theory]
    [InlineData(new[] { "--k", "51" }, "--k must be between 1 and 50 (was 51).")]
    [InlineData(new[] { "--time-format", "yyyy-MM-dd" }, "--time-format needs --time-column (the column it reads).")]
    [InlineData(new[] { "--protocol", "window" }, "--protocol window needs --customer-column and --time-column (a case is a customer before and after a split in time).")]
    [InlineData(new[] { "--protocol", "horizon" }, "--protocol on a file must be window or basket-completion (post-purchase and horizon are for the database).")]
    [InlineData(new[] { "--time-column", "When", "--time-format", "abc" }, "--time-format 'abc' is not a date and time format (e.g. yyyy-MM-dd HH:mm:ss).")]
    public async Task Evaluate_FileOptionsThatCannotWork_ExitWithTwoBeforeReading(string[] options, string expected)
    {
        var (code, _, error) = await Run(["--input", "/nonexistent/file.csv", .. options]);
        Assert.Equal(2, code);
        Assert.Equal($"error: {expected}", error.Trim());
    }

    [Fact]
    public async Task Evaluate_Database_ComparesEveryRecommenderOnCustomersWithTheirMargin()
    {
        _ = app.CreateClient();
        var (code, output, _) = await Run(["--k", "3"], new Dictionary<string, string?> { ["ConnectionStrings:Crm"] = $"Data Source={app.DatabasePath}" });
        Assert.Equal(0, code);
        foreach (var name in new[] { "popularity", "rules", "curated", "engine", "engine-likelihood" })
            Assert.Matches($@"(?m)^{name}\s+[\d.]+\s+[\d.]+–[\d.]+\s+([\d.]+\s+){{5}}[\d.]+$", output); // hit rate, its interval, five metrics and the margin per case
        Assert.Contains("margin/case", output);
        Assert.Contains("test cases (post-purchase:", output);
        // The engine is asked with the segments as they were at the split (recomputed, RFM included), not today's.
        var segments = Regex.Match(output, @"segments as of the split: ([\d,]+) memberships of ([\d,]+) customers");
        Assert.True(segments.Success, output);
        Assert.True(int.Parse(segments.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) > 0, output);
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
