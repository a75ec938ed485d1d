using CrossSellCrm.Domain.Users;

namespace CrossSellCrm.Tests.Support;

/// <summary>One demo user per role (see the README).</summary>
public static class DemoAccounts
{
    public const string Sales = "lena.wagner@crm.example";
    public const string Manager = "mara.schulz@crm.example";
    public const string Trainer = "tim.hoffmann@crm.example";
    public const string Admin = "admin@crm.example";

    public static string For(string role) => role switch
    {
        Roles.Sales => Sales,
        Roles.Manager => Manager,
        Roles.Trainer => Trainer,
        Roles.Admin => Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };
}
