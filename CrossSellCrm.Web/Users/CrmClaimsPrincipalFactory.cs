using System.Security.Claims;
using CrossSellCrm.Domain.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CrossSellCrm.Web.Users;

/// <summary>Adds the person's display name to the sign-in cookie, so pages greet "Lena Wagner", not an e-mail address.</summary>
public sealed class CrmClaimsPrincipalFactory(UserManager<CrmUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<CrmUser, IdentityRole>(users, roles, options)
{
    public const string DisplayNameClaim = "display_name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(CrmUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (!string.IsNullOrWhiteSpace(user.DisplayName)) identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        return identity;
    }
}

public static class ClaimsPrincipalExtensions
{
    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(CrmClaimsPrincipalFactory.DisplayNameClaim) ?? user.Identity?.Name ?? "";
}
