using CrossSellCrm.Web.Hosting;

// `migrate`, `seed …` and `--help` are command-line verbs; anything else starts the web app.
if (CommandLineVerbs.Handles(args))
    return await CommandLineVerbs.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.AddCrmWeb();

var app = builder.Build();
app.UseCrmWeb();
if (!await app.PrepareDatabaseAsync())
    return 1; // refused to start; the log says why
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
