using CrossSellCrm.Domain;
using CrossSellCrm.Domain.Auditing;
using CrossSellCrm.Domain.Persistence;
using CrossSellCrm.Domain.Recommendations.Engine;
using CrossSellCrm.Domain.Users;
using CrossSellCrm.Web.Api;
using CrossSellCrm.Web.Components;
using CrossSellCrm.Web.Components.Account;
using CrossSellCrm.Web.Localization;
using CrossSellCrm.Web.Recommendations;
using Microsoft.Extensions.Options;
using CrossSellCrm.Web.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using FluentValidation;
using MudBlazor.Services;

namespace CrossSellCrm.Web.Hosting;

public static class WebServiceCollectionExtensions
{
    /// <summary>Everything the web app needs: its address, domain, UI, identity with roles, localisation, health.</summary>
    public static WebApplicationBuilder AddCrmWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.UseDefaultListenAddressUnlessConfigured();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });

        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, SignedInUser>();
        services.AddCrmDomain(builder.Configuration, builder.Environment.ContentRootPath);
        services.Configure<DemoOptions>(builder.Configuration.GetSection(DemoOptions.Section));

        services.AddRazorComponents().AddInteractiveServerComponents();
        // A circuit whose browser went away without saying so (a crash, a lost network) is kept for a while so that the
        // rep can reconnect to the same call; Blazor's defaults are 3 minutes and 100 circuits ("Circuits" section).
        services.Configure<Microsoft.AspNetCore.Components.Server.CircuitOptions>(builder.Configuration.GetSection("Circuits"));
        // Toasts bottom left: at the top right they covered the cockpit's channel selector and the offers' heading.
        services.AddMudServices(o => o.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomLeft);
        services.AddLocalization();
        services.AddTransient<MudBlazor.MudLocalizer, MudTextLocalizer>();

        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddAuthentication(o =>
        {
            o.DefaultScheme = IdentityConstants.ApplicationScheme;
            o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
        }).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.AccessDeniedPath = "/Account/AccessDenied";
        });
        // Every endpoint needs a signed-in user unless it says [AllowAnonymous]. The shop API is the exception: the
        // shop's key is checked there, and an unknown API route or a wrong method (no endpoint to say
        // [AllowAnonymous]) must answer a 404/405 problem, not the sign-in page.
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder()
                .RequireAssertion(c => c.User.Identity?.IsAuthenticated == true || c.Resource is HttpContext http && ShopApi.Owns(http))
                .Build());
        // No lockout on failed sign-ins (AccountSignIn): anyone could lock anyone out with a few wrong passwords.
        // Failures are throttled per (account, client address), and sign-in posts rate-limited per address (ADR 0012).
        services.AddIdentityCore<CrmUser>(o =>
            {
                o.SignIn.RequireConfirmedAccount = false;
                o.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<CrmDbContext>()
            .AddClaimsPrincipalFactory<CrmClaimsPrincipalFactory>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddScoped<DemoUserSeeder>();
        services.AddOptions<SignInLimits>().Bind(builder.Configuration.GetSection(SignInLimits.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SignInLimits>, FluentValidateOptions<SignInLimits, SignInLimitsValidator>>();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<AccountSignIn>();
        services.AddSignInRateLimit();
        services.AddShopRateLimit();
        services.AddShopApiDocument();

        services.AddOptions<HostingOptions>().Bind(builder.Configuration.GetSection(HostingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HostingOptions>, FluentValidateOptions<HostingOptions, HostingOptionsValidator>>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<HostingOptions>>((forwarded, hosting) =>
        {
            // The client's address and scheme, as the proxy saw them; loopback proxies are trusted by default.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in hosting.Value.TrustedProxies)
                if (System.Net.IPNetwork.TryParse(proxy, out var network)) forwarded.KnownIPNetworks.Add(network);
                else forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        });
        services.AddProblemDetails();
        services.AddValidatorsFromAssemblyContaining<LoginInputValidator>();

        services.AddOptions<RuleMiningSettings>().Bind(builder.Configuration.GetSection("Recommendations:Mining")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RuleMiningSettings>, FluentValidateOptions<RuleMiningSettings, RuleMiningSettingsValidator>>();
        services.AddOptions<ContactPolicy>().Bind(builder.Configuration.GetSection("Recommendations:ContactPolicy")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ContactPolicy>, FluentValidateOptions<ContactPolicy, ContactPolicyValidator>>();
        services.AddSingleton<RuleMiningTrigger>();
        services.AddHostedService<RuleMiningWorker>();
        services.AddOptions<AcceptanceOptions>().Bind(builder.Configuration.GetSection("Recommendations:Acceptance")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AcceptanceOptions>, FluentValidateOptions<AcceptanceOptions, AcceptanceOptionsValidator>>();
        services.AddSingleton<AcceptanceTrigger>();
        services.AddHostedService<AcceptanceWorker>();
        services.AddSingleton<Kpis.KpiCubeTrigger>();
        services.AddHostedService<Kpis.KpiCubeWorker>();
        services.AddSingleton<Imports.ImportQueue>();
        services.AddSingleton<Imports.ImportUploads>();
        services.AddHostedService<Imports.ImportWorker>();
        services.AddSingleton<Segmentation.SegmentationTrigger>();
        services.AddHostedService<Segmentation.SegmentationWorker>();
        services.AddOptions<Domain.Campaigns.CampaignOptions>().Bind(builder.Configuration.GetSection(Domain.Campaigns.CampaignOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Domain.Campaigns.CampaignOptions>, FluentValidateOptions<Domain.Campaigns.CampaignOptions, Domain.Campaigns.CampaignOptionsValidator>>();
        services.AddOptions<Domain.Campaigns.SmtpOptions>().Bind(builder.Configuration.GetSection(Domain.Campaigns.SmtpOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Domain.Campaigns.SmtpOptions>, FluentValidateOptions<Domain.Campaigns.SmtpOptions, Domain.Campaigns.SmtpOptionsValidator>>();
        services.AddSingleton<Campaigns.CampaignTrigger>();
        services.AddHostedService<Campaigns.CampaignWorker>();

        services.AddSingleton<MigrationState>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    /// <summary>The request pipeline; the order matters (see the comments).</summary>
    public static WebApplication UseCrmWeb(this WebApplication app)
    {
        var hosting = app.Services.GetRequiredService<IOptions<HostingOptions>>().Value;
        // First the client's real address and scheme: HTTPS, the sign-in limits and the logs read them.
        if (hosting.BehindProxy)
            app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        if (hosting.HttpsRedirection && !AppEnvironment.IsDevelopmentOrTesting(app.Environment))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        // Errors of the shop API as problem details, of pages as the app's not-found page.
        app.UseWhen(ShopApi.Owns, api => api.UseShopApiProblems().UseShopApiGate());
        app.UseWhen(http => !ShopApi.Owns(http), pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseRequestLocalization(Cultures.LocalizationOptions()); // before the rate limiter, whose page is localised
        // Routing and authorization here, not first as WebApplication would put them: the steps above hold for
        // every request, and a refused one (an unknown API route, the sign-in page) gets the answer made above.
        app.UseRouting();
        app.UseRateLimiter(); // after routing: it reads the endpoint's policy
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAdditionalIdentityEndpoints();
        app.MapCultureEndpoint();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapShopApi();
        app.MapShopApiDocument();
        app.MapShopDemoPage();
        Campaigns.CampaignLinkEndpoints.MapCampaignLinks(app);
        Imports.ImportReports.MapImportReports(app);
        Exports.ExportEndpoints.MapExports(app);
        return app;
    }
}
