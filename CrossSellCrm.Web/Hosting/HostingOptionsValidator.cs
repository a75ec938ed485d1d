using System.Net;
using FluentValidation;

namespace CrossSellCrm.Web.Hosting;

public sealed class HostingOptionsValidator : AbstractValidator<HostingOptions>
{
    public HostingOptionsValidator() =>
        RuleForEach(o => o.TrustedProxies).Must(p => IPAddress.TryParse(p, out _) || IPNetwork.TryParse(p, out _))
            .WithMessage("Hosting:TrustedProxies: '{PropertyValue}' is neither an IP address nor a network like 10.0.0.0/8.");
}
