using CrossSellCrm.Domain.Imports;
using CrossSellCrm.Domain.Users;
using Microsoft.AspNetCore.Authorization;

namespace CrossSellCrm.Web.Imports;

/// <summary>The error report of an import job as a CSV download (UTF-8 with BOM, so that Excel reads the umlauts).</summary>
public static class ImportReports
{
    public static void MapImportReports(this IEndpointRouteBuilder app) =>
        app.MapGet("/data/imports/{id:int}/report.csv", async (int id, ImportService imports, HttpContext http, CancellationToken ct) =>
        {
            var job = await imports.FindAsync(id, ct);
            if (job is null) return Results.NotFound();
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"import-{id}-report.csv\"";
            await using var writer = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(true));
            await imports.WriteReportAsync(id, writer, ct);
            return Results.Empty;
        }).RequireAuthorization(new AuthorizeAttribute { Roles = $"{Roles.Admin},{Roles.Manager}" });
}
