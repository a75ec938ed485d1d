using CrossSellCrm.Domain.Auditing;
using Microsoft.AspNetCore.Components.Authorization;

namespace CrossSellCrm.Web.Users;

/// <summary>
/// Whose change the audit log records: the request's user, or inside a Blazor circuit (no HttpContext)
/// the circuit's authentication state.
/// </summary>
public sealed class SignedInUser(IHttpContextAccessor http, IServiceProvider services) : ICurrentUser
{
    public string Name
    {
        get
        {
            if (http.HttpContext?.User.Identity is { IsAuthenticated: true, Name: { } name }) return name;
            Task<AuthenticationState>? state;
            try { state = services.GetService<AuthenticationStateProvider>()?.GetAuthenticationStateAsync(); }
            catch (InvalidOperationException) { state = null; } // a scope outside any circuit: a background job
            return state is { IsCompletedSuccessfully: true } && state.Result.User.Identity is { IsAuthenticated: true, Name: { } circuitName }
                ? circuitName
                : "system";
        }
    }
}
