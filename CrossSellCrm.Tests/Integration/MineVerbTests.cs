using System.Diagnostics;
using System.IO.Compression;
using CrossSellCrm.Tests.Domain.Recommendations;
using CrossSellCrm.Tests.Support;
using CrossSellCrm.Web.Hosting;
using Microsoft.Data.Sqlite;

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
    public async Task Mine_RetailDat_ReadsWhitespaceBasketsAndFindsThePublishedItemsets()
    {
        // The FIMI benchmark: 88,162 baskets of integers separated by spaces; 19,242 frequent itemsets at support 0.0005.
        var (code, output, _) = await Run("--input", RealData.DatasetPath("retail.dat"), "--min-support", "0.0005", "--min-confidence", "0.5");
        Assert.Equal(0, code);
        Assert.Contains("baskets: 88162, items: 16470", output);
        Assert.Contains("frequent itemsets: 19242", output);
    }

    [Fact]
    public async Task Mine_SeparatorGiven_ReadsThatWay()
    {
        var input = TempSqlite.NewPath("spaces") + ".txt";
        try
        {
            await File.WriteAllTextAsync(input, "bread butter\nbread,butter jam\n");
            var auto = await Run("--input", input, "--min-support", "0.5", "--min-confidence", "0.5");
            Assert.Contains("baskets: 2, items: 3", auto.Out); // a comma: commas separate, "butter jam" is one item
            var spaces = await Run("--input", input, "--separator", "whitespace", "--min-support", "0.5", "--min-confidence", "0.5");
            Assert.Contains("baskets: 2, items: 4", spaces.Out); // bread, butter, "bread,butter", jam
            var wrong = await Run("--input", input, "--separator", "semicolon", "--min-support", "0.5", "--min-confidence", "0.5");
            Assert.Equal(2, wrong.Code);
        }
        finally { File.Delete(input); }
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

    [Theory]
    [InlineData("png", "a PNG image")]
    [InlineData("gz", "a gzip archive")]
    [InlineData("db", "an SQLite database")]
    [InlineData("bin", "binary data")]
    public async Task Mine_BinaryFile_IsRefusedWithTwoInsteadOfMinedAsGarbage(string extension, string kind)
    {
        var input = TempSqlite.NewPath("binary") + "." + extension;
        try
        {
            await WriteBinaryFileAsync(input, extension);
            var (code, output, error) = await Run("--input", input, "--min-support", "0.1", "--min-confidence", "0.5");
            Assert.Equal(2, code);
            Assert.Contains($"--input: '{input}' is {kind}, not a text file", error);
            Assert.DoesNotContain("baskets:", output);
        }
        finally { TempSqlite.Delete(input); }
    }

    private static async Task WriteBinaryFileAsync(string path, string extension)
    {
        var random = new Random(42);
        var noise = new byte[4096];
        random.NextBytes(noise);
        switch (extension)
        {
            case "png":
                await File.WriteAllBytesAsync(path, [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. noise]);
                break;
            case "gz":
                await using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
                await using (var text = new StreamWriter(gzip))
                    for (var i = 0; i < 1000; i++) await text.WriteLineAsync($"bread,butter,item{i}");
                break;
            case "db":
                await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
                {
                    await connection.OpenAsync();
                    await using var command = connection.CreateCommand();
                    command.CommandText = "CREATE TABLE basket (item TEXT); INSERT INTO basket VALUES ('bread'), ('butter');";
                    await command.ExecuteNonQueryAsync();
                }
                break;
            default:
                await File.WriteAllBytesAsync(path, noise);
                break;
        }
    }

    [Fact]
    public async Task Mine_OutputIntoAMissingFolder_NamesThePathAndExitsWithTwoBeforeMining()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"no-such-folder-{Guid.NewGuid():N}");
        var file = Path.Combine(folder, "rules.csv");
        var (code, output, error) = await Run("--input", RealData.DatasetPath("Market_Basket_Optimisation.csv"),
            "--min-support", "0.003", "--min-confidence", "0.2", "--output", file);
        Assert.Equal(2, code);
        Assert.Contains($"--output: the folder '{folder}' does not exist", error);
        Assert.DoesNotContain("Unhandled", error);
        Assert.DoesNotContain("frequent itemsets", output);
        Assert.False(Directory.Exists(folder));
    }

    /// <summary>One line of <paramref name="items"/> distinct items between two small baskets.</summary>
    private static async Task<string> WriteHugeBasketAsync(int items)
    {
        var input = TempSqlite.NewPath("huge-basket") + ".csv";
        await using var writer = new StreamWriter(input);
        await writer.WriteLineAsync("bread,butter");
        for (var i = 0; i < items; i++) await writer.WriteAsync(i == 0 ? $"item{i}" : $",item{i}");
        await writer.WriteLineAsync();
        await writer.WriteLineAsync("bread,jam");
        return input;
    }

    [Fact]
    public async Task Mine_BasketOverTheItemLimit_IsRefusedWithTwoNamingTheLine()
    {
        var input = await WriteHugeBasketAsync(25_000);
        try
        {
            var (code, output, error) = await Run("--input", input, "--min-support", "0.5", "--min-confidence", "0.5");
            Assert.Equal(2, code);
            Assert.Contains("line 2 holds more than 10,000 items (--max-basket-items 10000)", error);
            Assert.DoesNotContain("baskets:", output);

            var raised = await Run("--input", input, "--min-support", "0.5", "--min-confidence", "0.5", "--max-basket-items", "30000");
            Assert.Equal(0, raised.Code);
            Assert.Contains("baskets: 3, items: 25003", raised.Out);
        }
        finally { File.Delete(input); }
    }

    [Fact]
    public async Task Mine_ThresholdsThatFindTooManyItemsets_AreRefusedWithTwoInsteadOfFillingMemory()
    {
        // One basket of 2,000 items: every one of its 2,001,000 pairs is "frequent" at any support.
        var input = TempSqlite.NewPath("one-basket") + ".csv";
        await File.WriteAllTextAsync(input, string.Join(',', Enumerable.Range(0, 2_000).Select(i => $"item{i}")) + "\n");
        try
        {
            var (code, _, error) = await Run("--input", input, "--min-support", "0.5", "--min-confidence", "0.5", "--max-length", "2", "--max-itemsets", "10000");
            Assert.Equal(2, code);
            Assert.Contains("--min-support 0.5 finds more than 10,000 frequent itemsets (--max-itemsets 10000)", error);

            // 200 items: 20,100 itemsets, and two rules from each pair.
            await File.WriteAllTextAsync(input, string.Join(',', Enumerable.Range(0, 200).Select(i => $"item{i}")) + "\n");
            var rules = await Run("--input", input, "--min-support", "0.5", "--min-confidence", "0.5", "--max-length", "2", "--max-rules", "10000");
            Assert.Equal(2, rules.Code);
            Assert.Contains("--min-confidence 0.5 gives more than 10,000 rules (--max-rules 10000)", rules.Err);
        }
        finally { File.Delete(input); }
    }

    [Theory]
    [InlineData("--max-basket-items must be between 1 and 1,000,000 (was 0)", "--max-basket-items", "0")]
    [InlineData("--max-itemsets must be between 1 and 100,000,000 (was 0)", "--max-itemsets", "0")]
    [InlineData("--max-rules must be between 1 and 100,000,000 (was -1)", "--max-rules", "-1")]
    public async Task Mine_BadLimits_ExitWithTwoAndSayWhy(string expected, string option, string value)
    {
        var (code, _, error) = await Run("--input", "/dev/null", "--min-support", "0.1", "--min-confidence", "0.5", option, value);
        Assert.Equal(2, code);
        Assert.Contains(expected, error);
    }

    [Fact]
    public async Task Mine_CancelledWhileRunning_StopsWithinASecondWithExitCode130()
    {
        // Three million baskets: reading and mining them take seconds, the stop must not wait for either. (A million was read and
        // mined in under the 300 ms before the cancel on an idle machine: the run had finished, exit 0.)
        var input = TempSqlite.NewPath("many-baskets") + ".csv";
        var random = new Random(7);
        await using (var writer = new StreamWriter(input))
            for (var i = 0; i < 3_000_000; i++)
                await writer.WriteLineAsync(string.Join(',', Enumerable.Range(0, random.Next(1, 8)).Select(_ => $"p{random.Next(2_000)}")));
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            using var stop = new CancellationTokenSource();
            var run = CommandLineVerbs.RunAsync(["mine", "--input", input, "--min-support", "0.0001", "--min-confidence", "0.1"], output, error, ct: stop.Token);
            await Task.Delay(300);
            var clock = Stopwatch.StartNew();
            await stop.CancelAsync();
            Assert.Same(run, await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30))));
            var stoppedIn = clock.Elapsed;
            Assert.Equal(130, await run);
            Assert.True(stoppedIn < TimeSpan.FromSeconds(1), $"stopped {stoppedIn.TotalMilliseconds:F0} ms after the cancel");
            Assert.Contains("error: stopped (cancelled) before finishing", error.ToString());
            Assert.DoesNotContain("rules:", output.ToString());
        }
        finally { File.Delete(input); }
    }
}
