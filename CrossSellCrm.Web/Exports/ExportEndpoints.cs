using System.Globalization;
using CrossSellCrm.Domain.Auditing;
using CrossSellCrm.Domain.Exports;
using CrossSellCrm.Domain.Privacy;
using CrossSellCrm.Domain.Users;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;

namespace CrossSellCrm.Web.Exports;

/// <summary>
/// The lists' CSV downloads, in the importer's columns and the reader's format (German: semicolon and decimal comma), and a
/// customer's privacy export. Streamed from the database, so a segment of 100,000 customers does not travel through a circuit.
/// </summary>
public static class ExportEndpoints
{
    private static readonly AuthorizeAttribute Managers = new() { Roles = $"{Roles.Admin},{Roles.Manager}" };

    public static void MapExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/data/export/customers.csv", (int? segment, string? search, DataExport export, HttpContext http, CancellationToken ct) =>
            Csv(http, "customers.csv", format => w => export.WriteCustomersAsync(w, new CustomerExportFilter(segment, Clip(search)), format, ct))).RequireAuthorization(Managers);
        app.MapGet("/data/export/orders.csv", (DateOnly? from, DateOnly? to, int? segment, int? customer, DataExport export, HttpContext http, CancellationToken ct) =>
            Csv(http, "orders.csv", format => w => export.WriteOrdersAsync(w, new OrderExportFilter(from, to, segment, customer), format, ct))).RequireAuthorization(Managers);
        app.MapGet("/data/export/offers.csv", (DateOnly? from, DateOnly? to, int? segment, int? customer, DataExport export, HttpContext http, CancellationToken ct) =>
            Csv(http, "offers.csv", format => w => export.WriteOffersAsync(w, new OrderExportFilter(from, to, segment, customer), format, ct))).RequireAuthorization(Managers);
        app.MapGet("/data/export/subscriptions.csv", (int? segment, int? customer, DataExport export, HttpContext http, CancellationToken ct) =>
            Csv(http, "subscriptions.csv", format => w => export.WriteSubscriptionsAsync(w, new OrderExportFilter(SegmentId: segment, CustomerId: customer), format, ct))).RequireAuthorization(Managers);
        app.MapGet("/data/export/products.csv", (string? search, int? category, bool? inactive, DataExport export, HttpContext http, CancellationToken ct) =>
            Csv(http, "products.csv", format => w => export.WriteProductsAsync(w,
                new ProductExportFilter(Clip(search), category, InactiveToo: inactive ?? true, Language: Domain.Localization.Messages.Language), format, ct))).RequireAuthorization();
        app.MapGet("/data/export/relations.csv", (int? product, DataExport export, HttpContext http, CancellationToken ct) =>
            Csv(http, "relations.csv", format => w => export.WriteRelationsAsync(w, new ProductExportFilter(ProductId: product), format, ct))).RequireAuthorization();
        // For machines (the propensity verb, a data scientist): comma and invariant numbers in every language.
        app.MapGet("/data/export/offer-features.csv", (Domain.Recommendations.Acceptance.OfferFeatureExport export, HttpContext http, CancellationToken ct) =>
            Csv(http, "offer-features.csv", _ => w => export.WriteAsync(w, ct))).RequireAuthorization(Managers);
        app.MapGet("/experiments/{id:int}/customers.csv", async (int id, Domain.Experiments.ExperimentService experiments, CancellationToken ct) =>
            await experiments.ExportCsvAsync(id, CsvFormat.For(CultureInfo.CurrentUICulture), ct) is { } csv
                ? Results.File(new System.Text.UTF8Encoding(true).GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", $"experiment-{id}-customers.csv")
                : Results.NotFound()).RequireAuthorization(Managers);
        app.MapGet("/customers/{id:int}/privacy-export.zip", async (int id, PrivacyService privacy, ICurrentUser user, HttpContext http, CancellationToken ct) =>
        {
            // Built in memory first: a refusal (no such customer) must be a 404, not half a zip.
            using var buffer = new MemoryStream();
            try
            {
                await privacy.WriteExportAsync(id, user.Name, buffer, ct);
            }
            catch (ValidationException)
            {
                return Results.NotFound();
            }
            return Results.File(buffer.ToArray(), "application/zip", $"customer-{id}-privacy-export.zip");
        }).RequireAuthorization(Managers);
    }

    private static string? Clip(string? search) => search is { Length: > 100 } ? search[..100] : search;

    private static async Task<IResult> Csv(HttpContext http, string name, Func<CsvFormat, Func<TextWriter, Task<int>>> write)
    {
        var format = CsvFormat.For(CultureInfo.CurrentUICulture);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        await using var writer = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(true), 64 * 1024);
        await write(format)(writer);
        return Results.Empty;
    }
}
