using CrossSellCrm.Domain.Auditing;
using CrossSellCrm.Domain.Persistence;
using FluentValidation;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CrossSellCrm.Domain;

public static class DomainServiceCollectionExtensions
{
    /// <summary>
    /// The domain's services: the database (SQLite or PostgreSQL, by configuration), validators and
    /// the demo-data seeder. A relative SQLite path is taken relative to <paramref name="contentRoot"/>.
    /// </summary>
    public static IServiceCollection AddCrmDomain(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString("Crm")
            ?? throw new InvalidOperationException("The connection string 'ConnectionStrings:Crm' is missing.");
        services.TryAddScoped<ICurrentUser, SystemUser>();

        if (options.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContextFactory<PostgresCrmDbContext>(o => o.UseNpgsql(connectionString), ServiceLifetime.Scoped);
            services.AddScoped<IDbContextFactory<CrmDbContext>>(sp =>
                new UpcastFactory(sp.GetRequiredService<IDbContextFactory<PostgresCrmDbContext>>()));
        }
        else
        {
            var sqlite = SqliteConnectionString(connectionString, contentRoot);
            services.AddDbContextFactory<CrmDbContext>(o => o.UseSqlite(sqlite), ServiceLifetime.Scoped);
        }
        // Identity's stores want a scoped context.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateDbContext());

        // The import settings' and the propensity options' validators are made per file, with its header: not services.
        services.AddValidatorsFromAssembly(typeof(DomainServiceCollectionExtensions).Assembly, includeInternalTypes: true,
            filter: v => v.ValidatorType != typeof(Imports.ImportSettingsValidator) && v.ValidatorType != typeof(Recommendations.Acceptance.PropensityOptionsValidator));
        Localization.Messages.UseForValidation();
        services.AddScoped<DatabaseMigrator>();
        services.AddScoped<DatabaseFile>();
        services.AddScoped<DemoData.DemoDataSeeder>();
        services.AddScoped<Kpis.KpiService>();
        services.AddScoped<Kpis.KpiCubeLoader>();
        services.AddSingleton<Kpis.KpiCubeStore>();
        services.AddScoped<Kpis.KpiDrillDown>();
        services.AddScoped<Recommendations.OfferStatistics>();
        services.AddScoped<Recommendations.OfferLearning>();
        services.AddScoped<Recommendations.Acceptance.OfferFeatureExport>();
        services.AddScoped<Recommendations.Acceptance.OfferAcceptanceTrainer>();
        services.AddSingleton<Recommendations.Acceptance.OfferAcceptanceStore>();
        services.AddScoped<Catalog.ProductCatalog>();
        services.AddScoped<Recommendations.Tuning.EngineTuningService>();
        services.AddScoped<Customers.CustomerDirectory>();
        services.AddScoped<Customers.CustomerSearch>();
        services.AddScoped<Customers.CustomerEditor>();
        services.AddScoped<Customers.TagVocabulary>();
        services.AddScoped<Segmentation.SegmentBuilder>();
        services.AddScoped<Segmentation.SegmentInsights>();
        services.AddScoped<Customers.BehaviourRefresh>();
        services.AddScoped<Customers.CustomerProfileService>();
        services.AddSingleton<Customers.SegmentChurnCache>();
        services.AddSingleton<Changes.ChangeHub>();
        services.AddScoped<Recommendations.OfferLog>();
        services.AddScoped<Recommendations.CallNoteBook>();
        services.AddScoped<Calls.CallService>();
        services.AddSingleton<Experiments.ExperimentBook>();
        services.AddScoped<Experiments.ExperimentEnrolment>();
        services.AddScoped<Experiments.ExperimentService>();
        services.AddScoped<DatabaseStatistics>();
        services.AddSingleton<Recommendations.Mining.RuleBookStore>();
        services.AddScoped<Recommendations.Mining.RuleMiningService>();
        services.AddScoped<Recommendations.Engine.EngineIndexLoader>();
        services.AddSingleton<Recommendations.Engine.OfferEngineStore>();
        services.AddScoped<Recommendations.Engine.NextBestOfferService>();
        services.AddScoped<Recommendations.Evaluation.EvaluationService>();
        services.AddSingleton<Recommendations.Evaluation.EvaluationStore>();
        services.AddScoped(sp => new Imports.ImportService(sp.GetRequiredService<IDbContextFactory<CrmDbContext>>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Changes.ChangeHub>())
        {
            MaxFileBytes = configuration.GetValue<long?>("Imports:MaxFileBytes") ?? Imports.ImportService.DefaultMaxFileBytes,
        });
        services.AddScoped<Onboarding.GettingStarted>();
        services.AddScoped<Exports.DataExport>();
        services.AddScoped<Privacy.PrivacyService>();
        services.AddScoped<Coaching.PracticeCaseLibrary>();
        services.AddScoped<Coaching.PracticeSessions>();
        services.AddScoped<Coaching.CoachingProgress>();
        services.AddSingleton<Coaching.PracticeRoom>();
        services.AddScoped<Shop.ShopApiKeyService>();
        services.AddSingleton<Shop.ShopKeyRing>();
        services.AddScoped<Shop.ShopWidgetLog>();
        services.AddScoped<Campaigns.CampaignService>();
        services.AddScoped<Campaigns.CampaignRunner>();
        services.AddScoped<Campaigns.CampaignTracking>();
        services.AddScoped<Campaigns.CampaignLinks>();
        services.AddSingleton<Campaigns.SmtpMailer>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>
    /// Makes a relative data source absolute under the content root. Its folder is created where the database is,
    /// by <see cref="DatabaseMigrator.MigrateAsync"/>: a read-only command leaves neither file nor folder behind.
    /// </summary>
    public static string SqliteConnectionString(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } source && source != ":memory:" && !Path.IsPathRooted(source))
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, source));
        return builder.ToString();
    }

    private sealed class UpcastFactory(IDbContextFactory<PostgresCrmDbContext> inner) : IDbContextFactory<CrmDbContext>
    {
        public CrmDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
