using CrossSellCrm.Domain.Customers;

namespace CrossSellCrm.Domain.Recommendations.Likelihood;

/// <summary>A customer's attributes that do not come from their purchases: what the likelihood model may use as of any moment.</summary>
public sealed record CustomerAttributes(
    int CustomerId, DateOnly? BirthDate, Gender Gender, IncomeBand Income, EducationLevel Education, string Country, string? Region,
    TagName? Lifestyle, IReadOnlyList<TagName> Interests, IReadOnlyList<TagName> Values);

/// <summary>A psychographic tag by its code and names.</summary>
public sealed record TagName(string Code, string En, string De);

/// <summary>
/// The demographic, geographic and psychographic dimensions as model features: an age band, gender, income,
/// education, country and region, lifestyle, each interest and each value. Behaviour is left to the purchases
/// themselves (the model sees them with their dates), so no feature can carry the future into a past moment.
/// </summary>
public static class CustomerFeatures
{
    /// <summary>Numbers every feature the customers hold, ages as of <paramref name="asOf"/>.</summary>
    public static (FeatureVocabulary Vocabulary, Dictionary<int, int[]> FeaturesOf) Of(IEnumerable<CustomerAttributes> customers, DateTime asOf)
    {
        var vocabulary = new FeatureVocabulary();
        var featuresOf = new Dictionary<int, int[]>();
        var today = DateOnly.FromDateTime(asOf);
        foreach (var c in customers)
            featuresOf[c.CustomerId] = FeaturesOf(c, today, named: true).Select(vocabulary.Add).Distinct().ToArray();
        return (vocabulary, featuresOf);
    }

    /// <summary>One customer's features as numbered in a trained model's vocabulary (features it never saw are left out).</summary>
    public static int[] In(FeatureVocabulary vocabulary, CustomerAttributes customer, DateTime now)
    {
        // Every decision asks this: the codes only (the names are the vocabulary's), and no LINQ.
        var found = new List<int>(16);
        foreach (var f in FeaturesOf(customer, DateOnly.FromDateTime(now), named: false))
            if (vocabulary.Find(f.Code) is { } index && !found.Contains(index)) found.Add(index);
        return [.. found];
    }

    /// <param name="named">With the English and German names (for a vocabulary); without, the codes alone.</param>
    private static IEnumerable<CustomerFeature> FeaturesOf(CustomerAttributes c, DateOnly today, bool named)
    {
        if (c.BirthDate is { } born && Customer.AgeOn(born, today) is var age and >= 0)
        {
            var (band, from, to) = age switch
            {
                < 25 => ("18-24", 18, 24), < 35 => ("25-34", 25, 34), < 45 => ("35-44", 35, 44),
                < 55 => ("45-54", 45, 54), < 65 => ("55-64", 55, 64), _ => ("65+", 65, 0),
            };
            yield return new CustomerFeature($"age:{band}",
                !named ? "" : to == 0 ? $"customers aged {from} or more" : $"customers aged {from} to {to}",
                !named ? "" : to == 0 ? $"Kunden ab {from} Jahren" : $"Kunden von {from} bis {to} Jahren");
        }
        if (c.Gender is Gender.Female or Gender.Male)
            yield return c.Gender == Gender.Female
                ? new CustomerFeature("gender:female", named ? "women" : "", named ? "Kundinnen" : "")
                : new CustomerFeature("gender:male", named ? "men" : "", named ? "Kunden (männlich)" : "");
        if (c.Income != IncomeBand.Unknown)
            yield return new CustomerFeature($"income:{c.Income}", named ? $"customers with {IncomeEn(c.Income)} income" : "", named ? $"Kunden mit {IncomeDe(c.Income)} Einkommen" : "");
        if (c.Education != EducationLevel.Unknown)
            yield return new CustomerFeature($"education:{c.Education}", named ? $"customers with {EducationEn(c.Education)}" : "", named ? $"Kunden mit {EducationDe(c.Education)}" : "");
        yield return new CustomerFeature($"country:{c.Country}", named ? $"customers in {c.Country}" : "", named ? $"Kunden in {c.Country}" : "");
        if (c.Region is { Length: > 0 } region)
            yield return new CustomerFeature($"region:{c.Country}:{region}", named ? $"customers in {region}" : "", named ? $"Kunden in {region}" : "");
        if (c.Lifestyle is { } lifestyle)
            yield return new CustomerFeature($"lifestyle:{lifestyle.Code}", named ? $"customers with the lifestyle “{lifestyle.En}”" : "", named ? $"Kunden mit dem Lebensstil „{lifestyle.De}“" : "");
        foreach (var interest in c.Interests)
            yield return new CustomerFeature($"interest:{interest.Code}", named ? $"customers interested in {interest.En.ToLowerInvariant()}" : "", named ? $"Kunden mit Interesse an {interest.De}" : "");
        foreach (var value in c.Values)
            yield return new CustomerFeature($"value:{value.Code}", named ? $"customers who value {value.En.ToLowerInvariant()}" : "", named ? $"Kunden, denen {value.De} wichtig ist" : "");
    }

    private static string IncomeEn(IncomeBand band) => band switch
    {
        IncomeBand.Low => "a low", IncomeBand.LowerMiddle => "a lower-middle", IncomeBand.Middle => "a middle", IncomeBand.UpperMiddle => "an upper-middle", _ => "a high",
    };

    private static string IncomeDe(IncomeBand band) => band switch
    {
        IncomeBand.Low => "niedrigem", IncomeBand.LowerMiddle => "unterem mittlerem", IncomeBand.Middle => "mittlerem", IncomeBand.UpperMiddle => "oberem mittlerem", _ => "hohem",
    };

    private static string EducationEn(EducationLevel level) => level switch
    {
        EducationLevel.Secondary => "secondary school", EducationLevel.Vocational => "vocational training", EducationLevel.Bachelor => "a bachelor's degree",
        EducationLevel.Master => "a master's degree", _ => "a doctorate",
    };

    private static string EducationDe(EducationLevel level) => level switch
    {
        EducationLevel.Secondary => "Schulabschluss", EducationLevel.Vocational => "Berufsausbildung", EducationLevel.Bachelor => "Bachelor",
        EducationLevel.Master => "Master", _ => "Promotion",
    };
}
