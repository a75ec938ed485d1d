namespace CrossSellCrm.Web.Hosting;

/// <summary>The exit codes of the command-line verbs and of the web app's start (README.md lists them for operators).</summary>
public static class ExitCodes
{
    public const int Done = 0;
    public const int Failed = 1;
    /// <summary>An option or input file is wrong; stderr says which and why.</summary>
    public const int BadArguments = 2;
    /// <summary>The database file is not an SQLite database, or is damaged (every verb that opens it, and the web app's start).</summary>
    public const int DatabaseUnreadable = 3;
    /// <summary>Stopped by Ctrl-C or SIGTERM before finishing: 128 + SIGINT, the code a shell reports for Ctrl-C.</summary>
    public const int Cancelled = 130;
}
