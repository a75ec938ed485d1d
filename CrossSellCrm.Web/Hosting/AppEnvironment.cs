namespace CrossSellCrm.Web.Hosting;

public static class AppEnvironment
{
    /// <summary>
    /// A developer's machine or the test suite. Everywhere else counts as production: real users, real
    /// data, HTTPS, and no demo users with the public password unless asked for.
    /// </summary>
    public static bool IsDevelopmentOrTesting(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Testing");
}
