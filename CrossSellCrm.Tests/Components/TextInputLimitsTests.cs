using System.Text.RegularExpressions;

namespace CrossSellCrm.Tests.Components;

/// <summary>
/// Every text field the app renders has a length limit, so a pasted document is cut by the browser (and the rep told)
/// instead of a message larger than the circuit takes silently ending the connection and dropping the text.
/// </summary>
public partial class TextInputLimitsTests
{
    [Fact]
    public void EveryTextField_HasAMaxLength()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CrossSellCrm.sln"))) dir = dir.Parent;
        var components = Path.Combine(dir!.FullName, "CrossSellCrm.Web", "Components");
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(components, "*.razor", SearchOption.AllDirectories))
            foreach (Match field in TextField().Matches(File.ReadAllText(file)))
                if (!field.Value.Contains("MaxLength=", StringComparison.Ordinal))
                    missing.Add($"{Path.GetRelativePath(components, file)}: {field.Value[..Math.Min(120, field.Value.Length)]}");
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    /// <summary>A MudTextField element, from its start to its end (attribute values may hold "=>" and ">", so not the first ">").</summary>
    [GeneratedRegex(@"<MudTextField\b.*?(/>|</MudTextField>)", RegexOptions.Singleline)]
    private static partial Regex TextField();
}
