using CrossSellCrm.Tests.Support;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace CrossSellCrm.Tests.Integration;

/// <summary>How long the server keeps a circuit whose browser went away without closing it (appsettings.json, "Circuits").</summary>
public class CircuitOptionsTests(CrmAppFactory app) : IClassFixture<CrmAppFactory>
{
    [Fact]
    public void CircuitOptions_FromAppSettings_KeepADroppedCircuitAMinute()
    {
        var options = app.Services.GetRequiredService<IOptions<CircuitOptions>>().Value;
        Assert.Equal(TimeSpan.FromMinutes(1), options.DisconnectedCircuitRetentionPeriod);
        Assert.Equal(100, options.DisconnectedCircuitMaxRetained);
    }
}
