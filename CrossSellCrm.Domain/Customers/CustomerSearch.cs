using System.Globalization;
using System.Text;
using CrossSellCrm.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Customers;

/// <summary>A search hit with enough context to tell two "Anna Müller"s apart.</summary>
public sealed record CustomerMatch(int Id, string CustomerNumber, string Name, string? Email, string? Phone, string? City, int? BirthYear,
    DateTime? LastOrderAt, bool IsOwnCustomer);

/// <summary>
/// Search as you type over name, e-mail, phone (any formatting), customer number and city. Every word
/// typed must occur somewhere (case-insensitive; "Müller", "Mueller" and "Muller" find each other).
/// The words are matched against <see cref="Customer.SearchText"/> by scanning its covering index,
/// which stays in the low milliseconds at 100,000 customers on SQLite.
/// </summary>
public sealed class CustomerSearch(IDbContextFactory<CrmDbContext> factory)
{
    /// <summary>Matches fetched before ranking; the best <c>take</c> of them are shown.</summary>
    private const int Candidates = 50;

    public async Task<IReadOnlyList<CustomerMatch>> FindAsync(string? query, string? repId, int take = 8, CancellationToken ct = default)
    {
        var terms = Terms(query);
        if (terms.Count == 0) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        var ids = await CandidateIdsAsync(db, terms, ct);
        var rows = await db.Customers.Where(c => ids.Contains(c.Id) && !c.IsErased)
            .Select(c => new { c.Id, c.CustomerNumber, c.FirstName, c.LastName, c.Email, c.Phone, c.PhoneDigits, c.City, c.BirthDate, c.Behaviour.LastOrderAt, c.AssignedRepId })
            .ToListAsync(ct);
        return rows
            .Select(c => (Row: c, Rank: Rank(terms, c.FirstName, c.LastName, c.CustomerNumber, c.PhoneDigits, c.AssignedRepId == repId && repId is not null)))
            .OrderBy(x => x.Rank).ThenBy(x => x.Row.LastName, StringComparer.CurrentCulture).ThenBy(x => x.Row.FirstName, StringComparer.CurrentCulture).ThenBy(x => x.Row.Id)
            .Take(take)
            .Select(x => new CustomerMatch(x.Row.Id, x.Row.CustomerNumber, x.Row.FirstName + " " + x.Row.LastName, x.Row.Email, x.Row.Phone, x.Row.City,
                x.Row.BirthDate?.Year, x.Row.LastOrderAt, repId is not null && x.Row.AssignedRepId == repId))
            .ToList();
    }

    /// <summary>
    /// Ids of customers matching every term. Digits alone (a phone number or part of a customer number)
    /// scan the two narrow indexes of those columns; words scan the search-text index, longest word first
    /// so that the others are tested on few rows. Only ids are read, so the scans stay inside the indexes.
    /// </summary>
    private static async Task<List<int>> CandidateIdsAsync(CrmDbContext db, IReadOnlyList<string> terms, CancellationToken ct)
    {
        if (terms is [var only] && only.All(char.IsAsciiDigit))
        {
            var pattern = Contains(only);
            var byPhone = await db.Customers.Where(c => !c.IsErased && EF.Functions.Like(c.PhoneDigits!, pattern, LikePattern.Escape)).Select(c => c.Id).Take(Candidates).ToListAsync(ct);
            var byNumber = await db.Customers.Where(c => !c.IsErased && EF.Functions.Like(c.CustomerNumber, pattern, LikePattern.Escape)).Select(c => c.Id).Take(Candidates).ToListAsync(ct);
            return byPhone.Union(byNumber).Take(Candidates).ToList();
        }
        if (terms is [var word] && word.Length >= 2 && char.IsAsciiLetter(word[0]) && word.Skip(1).All(char.IsAsciiDigit))
        {
            // A whole customer number names one customer: a seek on its unique index.
            var number = word.ToUpperInvariant();
            var exact = await db.Customers.Where(c => !c.IsErased && c.CustomerNumber == number).Select(c => c.Id).ToListAsync(ct);
            if (exact.Count > 0) return exact;
        }
        var matching = db.Customers.Where(c => !c.IsErased); // an erased customer is found no more
        foreach (var term in terms.OrderByDescending(t => t.Length))
        {
            var pattern = Contains(term);
            matching = matching.Where(c => EF.Functions.Like(EF.Property<string>(c, nameof(Customer.SearchText)), pattern, LikePattern.Escape));
        }
        return await matching.Select(c => c.Id).Take(Candidates).ToListAsync(ct);
    }

    private static string Contains(string term) => LikePattern.Containing(term);

    /// <summary>0: the exact customer number or phone; then names that start with what was typed (own customers first); then the rest.</summary>
    private static int Rank(IReadOnlyList<string> terms, string first, string last, string number, string? phone, bool own)
    {
        if (terms.Count == 1 && (terms[0] == number.ToLowerInvariant() || (phone is not null && phone.EndsWith(terms[0], StringComparison.Ordinal) && terms[0].Length >= 6))) return 0;
        var names = (first + " " + last).ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var nameStart = terms.All(t => names.Any(n => n.StartsWith(t, StringComparison.Ordinal) || Fold(n).StartsWith(t, StringComparison.Ordinal)
                                                     || SpellOut(n).StartsWith(t, StringComparison.Ordinal)));
        return nameStart ? (own ? 1 : 2) : (own ? 3 : 4);
    }

    /// <summary>
    /// The words of a query, lower case. A query that is only a phone number in any formatting
    /// ("+49 (221) 973-3202", "0150/731") becomes its digits.
    /// </summary>
    public static IReadOnlyList<string> Terms(string? query)
    {
        if (string.IsNullOrWhiteSpace(query)) return [];
        var trimmed = query.Trim();
        if (trimmed.Count(char.IsAsciiDigit) >= 3 && trimmed.All(ch => char.IsAsciiDigit(ch) || "+()-/. ".Contains(ch)))
            return [Customer.DigitsOf(trimmed)];
        return trimmed.ToLowerInvariant().Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries).Distinct().Take(6).ToList();
    }

    /// <summary>Lower-case text to match; names and city also with German letters spelled out (ü → ue) and plain (ü → u).</summary>
    public static string SearchTextOf(string? first, string? last, string? email, string? number, string? city, string? phoneDigits)
    {
        var text = string.Join(' ', new[] { first, last, email, number, city, phoneDigits }.Where(s => !string.IsNullOrEmpty(s))).ToLowerInvariant();
        var words = string.Join(' ', new[] { first, last, city }.Where(s => !string.IsNullOrEmpty(s))).ToLowerInvariant();
        var (spelled, plain) = (SpellOut(words), Fold(words));
        return string.Join(' ', new[] { text, spelled == words ? null : spelled, plain == words || plain == spelled ? null : plain }.Where(s => s is not null));
    }

    private static string SpellOut(string text) => text.Replace("ä", "ae").Replace("ö", "oe").Replace("ü", "ue").Replace("ß", "ss");

    /// <summary>Letters without their accents: "müller" → "muller", "josé" → "jose".</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Replace("ß", "ss").Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark) builder.Append(ch);
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
