using System.Diagnostics.CodeAnalysis;

namespace CrossSellCrm.Web.Hosting;

/// <summary>Where a redirect whose target came with the request may go: a page of this app, else the home page.</summary>
public static class LocalUrl
{
    public const string Home = "/";

    public static string OrHome(string? url) => IsLocal(url) ? url : Home;

    /// <summary>
    /// A path of this app: starts with one "/", not "//" or "/\" (browsers read both as another host), and has no
    /// control characters (browsers drop tabs and line breaks, so "/\t/host" would become "//host").
    /// </summary>
    public static bool IsLocal([NotNullWhen(true)] string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || url[1] is not ('/' or '\\')) && !url.Any(char.IsControl);
}
