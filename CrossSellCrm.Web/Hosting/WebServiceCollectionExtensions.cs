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
        services.AddMudServices();
        services.AddLocalization();

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
        // Every endpoint needs a signed-in user unless it says [AllowAnonymous].
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddIdentityCore<CrmUser>(o =>
            {
                o.SignIn.RequireConfirmedAccount = false;
                o.User.RequireUniqueEmail = true;
                o.Lockout.MaxFailedAccessAttempts = 8;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<CrmDbContext>()
            .AddClaimsPrincipalFactory<CrmClaimsPrincipalFactory>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddScoped<DemoUserSeeder>();
        services.AddValidatorsFromAssemblyContaining<LoginInputValidator>();

        services.AddOptions<RuleMiningSettings>().Bind(builder.Configuration.GetSection("Recommendations:Mining")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RuleMiningSettings>, FluentValidateOptions<RuleMiningSettings, RuleMiningSettingsValidator>>();
        services.AddOptions<ContactPolicy>().Bind(builder.Configuration.GetSection("Recommendations:ContactPolicy")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ContactPolicy>, FluentValidateOptions<ContactPolicy, ContactPolicyValidator>>();
        services.AddSingleton<RuleMiningTrigger>();
        services.AddHostedService<RuleMiningWorker>();
        services.AddHostedService<Kpis.KpiCubeWorker>();
        services.AddSingleton<Segmentation.SegmentationTrigger>();
        services.AddHostedService<Segmentation.SegmentationWorker>();

        services.AddSingleton<MigrationState>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    public static WebApplication UseCrmWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRequestLocalization(Cultures.LocalizationOptions());
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAdditionalIdentityEndpoints();
        app.MapCultureEndpoint();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapShopApi();
        return app;
    }
}
