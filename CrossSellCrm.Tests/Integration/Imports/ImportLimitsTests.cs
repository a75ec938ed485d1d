using CrossSellCrm.Tests.Support;
using CrossSellCrm.Web.Hosting;

namespace CrossSellCrm.Tests.Integration.Imports;

/// <summary>A file over the size limit is refused before a byte of it is read, and the refusal names the limit.</summary>
public class ImportLimitsTests : IDisposable
{
    private readonly string _file = TempSqlite.NewPath("two-gigabytes") + ".csv";
    private readonly string _database = TempSqlite.NewPath("crm-limits");

    [Fact]
    public async Task TwoGigabyteFile_RefusedBeforeReading_WithTheLimitNamed()
    {
        // Sparse: 2 GB on paper, nothing on the disk; reading it would take minutes, so a quick answer proves it was not read.
        await using (var stream = File.Create(_file)) stream.SetLength(2L << 30);
        var (output, error) = (new StringWriter(), new StringWriter());
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var code = await CommandLineVerbs.RunAsync(["import", "orders", "--input", _file], output, error,
            new Dictionary<string, string?> { ["ConnectionStrings:Crm"] = $"Data Source={_database}" });
        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Contains("The file has 2,048 MB; the import takes files up to 1,024 MB.", error.ToString());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }

    public void Dispose()
    {
        File.Delete(_file);
        TempSqlite.Delete(_database);
    }
}
