using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace CrossSellCrm.Web.Api;

/// <summary>
/// The shop API described for the people who connect a shop: an OpenAPI 3.1 document at /openapi/shop.json (only the
/// /api endpoints, with the key as an API-key scheme) and Scalar's interactive reference at /api-reference (served from the package, under the app's
/// content security policy). Both are public: they say how to call, not what is stored.
/// </summary>
public static class ShopApiDocument
{
    public const string Name = "shop";
    public const string ReferencePath = "/api-reference";
    public const string DocumentPath = $"/openapi/{Name}.json";
    private const string Scheme = "ShopKey";

    public static IServiceCollection AddShopApiDocument(this IServiceCollection services) => services.AddOpenApi(Name, options =>
    {
        options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "CrossSellCrm shop API",
                Version = "1",
                Description = "Recommendations for a shop: \"customers also bought\" for a product and what goes with a basket. " +
                    $"Every request sends a key in the {ShopApi.KeyHeader} header (an admin makes one under Admin → Shop API keys). " +
                    "Each key has its own rate limit (429 with Retry-After beyond it) and the browser origins that may call with it. " +
                    "Every error is an RFC 7807 problem (application/problem+json).",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                [Scheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = ShopApi.KeyHeader,
                    Description = "A shop key, shown once when an admin makes it.",
                },
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, document)] = [] }];
            return Task.CompletedTask;
        });
    });

    public static IEndpointRouteBuilder MapShopApiDocument(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        // The page's scripts carry this response's CSP nonce (SecurityHeaders); nothing leaves the machine: no fonts from
        // Scalar's servers, no telemetry, no AI chat.
        endpoints.MapScalarApiReference(ReferencePath, (options, http) => options
            .WithTitle("CrossSellCrm shop API")
            .WithOpenApiRoutePattern(DocumentPath)
            .AddPreferredSecuritySchemes(Scheme)
            .WithNonce(Hosting.SecurityHeaders.Nonce(http))
            .DisableDefaultFonts().DisableTelemetry().DisableAgent().HideDeveloperTools()).AllowAnonymous();
        return endpoints;
    }
}
