using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Web.Hosting;

// `migrate`, `seed …` and `--help` are command-line verbs; anything else starts the web app.
if (CommandLineVerbs.Handles(args))
    return await CommandLineVerbs.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.AddCrmWeb();

var app = builder.Build();
app.UseCrmWeb();
try
{
    if (!await app.PrepareDatabaseAsync())
        return ExitCodes.Failed; // refused to start; the log says why
}
catch (DatabaseUnreadableException e)
{
    // One line for the operator instead of a stack trace: the file is the problem, not the code.
    app.Logger.LogCritical("Cannot start: {Problem}", e.Message);
    await app.DisposeAsync(); // flushes the console log
    return ExitCodes.DatabaseUnreadable;
}
await app.RunAsync();
return ExitCodes.Done;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
