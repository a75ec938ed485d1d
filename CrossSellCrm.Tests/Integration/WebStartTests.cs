using CrossSellCrm.Tests.Support;

namespace CrossSellCrm.Tests.Integration;

/// <summary>The web app's start as an operator sees it: a real process, its console and its exit code.</summary>
public class WebStartTests
{
    [Fact]
    public async Task Start_DatabaseFileIsNoDatabase_LogsOneLineAndExitsWith3()
    {
        var path = TempSqlite.NewPath("crm-web-unreadable");
        await File.WriteAllTextAsync(path, "not a database, just text\n");
        try
        {
            using var app = new WebAppProcess(new Dictionary<string, string?>
            {
                ["ConnectionStrings__Crm"] = $"Data Source={path}",
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            });
            Assert.Equal(3, await app.ExitCodeAsync(TimeSpan.FromSeconds(60)));
            var line = Assert.Single(app.Lines);
            Assert.Contains($"Cannot start: the database '{path}' cannot be read (SQLite Error 26: 'file is not a database')", line);
            Assert.Equal("not a database, just text\n", await File.ReadAllTextAsync(path));
        }
        finally { TempSqlite.Delete(path); }
    }
}
