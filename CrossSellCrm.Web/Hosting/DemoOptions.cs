namespace CrossSellCrm.Web.Hosting;

/// <summary>The "Demo" section: what the app does on first run.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Fill an empty database with demo data on start.</summary>
    public bool SeedOnFirstRun { get; set; } = true;
    /// <summary>Create the demo users (one per role, password in the README). On in Development.</summary>
    public bool SeedUsers { get; set; }
    public int Customers { get; set; } = 5_000;
    public int OrderLines { get; set; } = 50_000;
}
