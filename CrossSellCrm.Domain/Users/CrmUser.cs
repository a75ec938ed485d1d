using Microsoft.AspNetCore.Identity;

namespace CrossSellCrm.Domain.Users;

/// <summary>A person who signs in: a sales rep, manager, trainer or admin.</summary>
public sealed class CrmUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;
}

/// <summary>The four roles. Names are stored in the database; do not rename.</summary>
public static class Roles
{
    public const string Sales = "Sales";
    public const string Manager = "Manager";
    public const string Trainer = "Trainer";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Sales, Manager, Trainer, Admin];
}
