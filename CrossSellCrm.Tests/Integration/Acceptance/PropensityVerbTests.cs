using System.Globalization;
using System.Text.Json;
using CrossSellCrm.Tests.Domain.Recommendations;
using CrossSellCrm.Tests.Support;
using CrossSellCrm.Web.Hosting;

namespace CrossSellCrm.Tests.Integration.Acceptance;

public class PropensityVerbTests
{
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");
        try
        {
            var code = await CommandLineVerbs.RunAsync(["propensity", .. args], output, error);
            return (code, output.ToString(), error.ToString());
        }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui); }
    }

    /// <summary>A small file of offers: a signal in "segment", 30 accepted of 120; <paramref name="extra"/> adds a column (name, value for a row and its outcome).</summary>
    private static async Task<string> OffersFile(Func<int, bool, string>? extra = null, string extraName = "copy", Func<int, bool>? accepted = null)
    {
        var path = TempSqlite.NewPath("offers") + ".csv";
        var lines = new List<string> { "age;segment;answer" + (extra is null ? "" : $";{extraName}") };
        for (var i = 0; i < 120; i++)
        {
            var yes = accepted?.Invoke(i) ?? i % 4 == 0;
            lines.Add($"{20 + i % 50};{(yes ? "a" : i % 3 == 0 ? "a" : "b")};{(yes ? "yes" : "no")}" + (extra is null ? "" : $";{extra(i, yes)}"));
        }
        await File.WriteAllLinesAsync(path, lines);
        return path;
    }

    [Fact]
    public async Task Propensity_MissingFile_ExitsWithTwo()
    {
        var (code, _, error) = await Run("--input", "/nowhere/offers.csv", "--target", "y", "--positive", "yes");
        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Equal("error: --input: there is no file '/nowhere/offers.csv'.", error.Trim());
    }

    [Fact]
    public async Task Propensity_UnknownTarget_NamesTheColumns()
    {
        var path = await OffersFile();
        try
        {
            var (code, _, error) = await Run("--input", path, "--target", "y", "--positive", "yes");
            Assert.Equal(ExitCodes.BadArguments, code);
            Assert.Equal("error: --target: there is no column \"y\". The file's columns: age, segment, answer.", error.Trim());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task Propensity_UnknownDropColumn_NamesIt()
    {
        var path = await OffersFile();
        try
        {
            var (code, _, error) = await Run("--input", path, "--target", "answer", "--positive", "yes", "--drop", "duration");
            Assert.Equal(ExitCodes.BadArguments, code);
            Assert.Equal("error: --drop: there is no column \"duration\". The file's columns: age, segment, answer.", error.Trim());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task Propensity_PositiveThatNeverOccurs_SaysWhichValuesDo()
    {
        var path = await OffersFile();
        try
        {
            var (code, _, error) = await Run("--input", path, "--target", "answer", "--positive", "Yes");
            Assert.Equal(ExitCodes.BadArguments, code);
            Assert.Equal($"error: {path}: --positive \"Yes\" never occurs in the column \"answer\"; its values: 'no' (90), 'yes' (30).", error.Trim());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task Propensity_OneOutcomeOnly_SaysThereIsNothingToLearn()
    {
        var path = await OffersFile(accepted: _ => true);
        try
        {
            var (code, _, error) = await Run("--input", path, "--target", "answer", "--positive", "yes");
            Assert.Equal(ExitCodes.BadArguments, code);
            Assert.Equal($"error: {path}: Every row of \"answer\" is \"yes\": with one outcome only there is nothing to learn.", error.Trim());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task Propensity_ColumnThatCopiesTheOutcome_IsALeak_DroppingItHelps()
    {
        var path = await OffersFile((_, yes) => yes ? "subscribed" : "-", "status");
        try
        {
            var (code, _, error) = await Run("--input", path, "--target", "answer", "--positive", "yes", "--folds", "3", "--repeats", "1");
            Assert.Equal(ExitCodes.BadArguments, code);
            Assert.Equal($"error: {path}: the column \"status\" predicts \"answer\" on its own (AUC 1.000): it gives the outcome away. Leave it out with --drop status.", error.Trim());
            var (dropped, output, _) = await Run("--input", path, "--target", "answer", "--positive", "yes", "--folds", "3", "--repeats", "1", "--drop", "status");
            Assert.Equal(ExitCodes.Done, dropped);
            Assert.Contains("dropped: status", output);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task Propensity_BadFoldsAndSeparator_ExitWithTwo()
    {
        var path = await OffersFile();
        try
        {
            var (code, _, error) = await Run("--input", path, "--target", "answer", "--positive", "yes", "--folds", "1");
            Assert.Equal(ExitCodes.BadArguments, code);
            Assert.Equal("error: --folds must be between 2 and 20 (was 1).", error.Trim());
            (code, _, error) = await Run("--input", path, "--target", "answer", "--positive", "yes", "--separator", ";;");
            Assert.Equal(ExitCodes.BadArguments, code);
            Assert.Equal("error: --separator must be one character, or tab (was \";;\").", error.Trim());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task Propensity_BankWithDuration_NamesItAsSuspect_Json()
    {
        var (code, output, error) = await Run("--input", RealData.DatasetPath("bank.csv"), "--target", "y", "--positive", "yes", "--separator", ";",
            "--folds", "3", "--repeats", "1", "--json");
        Assert.True(code == 0, error);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal(4521, root.GetProperty("data").GetProperty("rows").GetInt32());
        Assert.Equal(521, root.GetProperty("data").GetProperty("accepted").GetInt32());
        Assert.Equal("trees", root.GetProperty("learner").GetString());
        Assert.Equal(3, root.GetProperty("auc").GetProperty("perFold").GetArrayLength());
        Assert.InRange(root.GetProperty("auc").GetProperty("mean").GetDouble(), 0.85, 0.95); // duration in: far too good to be true
        Assert.True(root.GetProperty("auc").GetProperty("sd").GetDouble() >= 0);
        var brier = root.GetProperty("brier");
        Assert.True(brier.GetProperty("mean").GetDouble() < brier.GetProperty("baseRate").GetDouble());
        var top = root.GetProperty("topPredictors").EnumerateArray().ToList();
        Assert.Equal(5, top.Count);
        Assert.Equal("duration", top[0].GetProperty("column").GetString());
        foreach (var p in top)
        {
            foreach (var field in new[] { "column", "importance", "text", "highest", "lowest" }) Assert.True(p.TryGetProperty(field, out _), field);
            Assert.InRange(p.GetProperty("highest").GetProperty("acceptedShare").GetDouble(), p.GetProperty("lowest").GetProperty("acceptedShare").GetDouble(), 1);
        }
        var note = Assert.Single(root.GetProperty("notes").EnumerateArray());
        Assert.StartsWith("\"duration\" alone reaches AUC 0.8", note.GetString());
        Assert.EndsWith("leave it out with --drop duration.", note.GetString());
    }

    [Fact]
    public async Task Propensity_BankWithoutDuration_PrintsAucBrierAndPredictorsInWords()
    {
        var (code, output, error) = await Run("--input", RealData.DatasetPath("bank.csv"), "--target", "y", "--positive", "yes", "--drop", "duration",
            "--folds", "3", "--repeats", "1", "--learner", "logistic");
        Assert.True(code == 0, error);
        Assert.Matches(@"auc: 0\.7\d\d ± 0\.0\d\d \(3-fold × 1, stratified", output);
        Assert.Matches(@"brier: 0\.0\d{3} ± 0\.0\d{3} \(calibrated; always saying the base rate: 0\.10\d\d\)", output);
        Assert.Contains("'success' 64.3% accepted (n = 129)", output);
        Assert.DoesNotContain("note:", output);
    }

    [Fact]
    public async Task Propensity_TemporalHoldout_ReportsTheModelBesideItsBaselineWithIntervals()
    {
        var path = await OffersFile();
        var (code, output, error) = await Run("--input", path, "--target", "answer", "--positive", "yes", "--holdout-last", "0.25", "--baseline", "segment", "--learner", "logistic");
        Assert.True(code == ExitCodes.Done, error);
        Assert.Contains("trained on the first 90 rows, tested on the last 30", output);
        Assert.Matches(@"auc: 0\.\d{3} \[0\.\d{3}–[01]\.\d{3}\]", output);
        Assert.Contains("baseline (segment: rate per level with a Beta prior of 20 offers): auc", output);
    }

    [Theory]
    [InlineData("--holdout-last", "0.9", "--holdout-last must be between 0.05 and 0.5 (was 0.9).")]
    [InlineData("--baseline", "segment", "--baseline is read on a temporal holdout: give --holdout-last too.")]
    public async Task Propensity_BadHoldoutOptions_ExitWithTwo(string option, string value, string message)
    {
        var (code, _, error) = await Run("--input", await OffersFile(), "--target", "answer", "--positive", "yes", option, value);
        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Equal($"error: {message}", error.Trim());
    }
}
