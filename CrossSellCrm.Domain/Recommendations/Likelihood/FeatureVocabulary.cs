namespace CrossSellCrm.Domain.Recommendations.Likelihood;

/// <summary>A customer feature the likelihood model may learn from, with the words a reason uses for its holders.</summary>
/// <param name="Code">Stable key, e.g. "interest:photography" or "age:25-34".</param>
/// <param name="HoldersEn">The feature's holders in a sentence: "customers interested in photography".</param>
public sealed record CustomerFeature(string Code, string HoldersEn, string HoldersDe);

/// <summary>
/// The customer features of one training, numbered. The four segmentation dimensions enter the model as
/// such features (an age band, a region, an interest, a value …); a customer holds several.
/// </summary>
public sealed class FeatureVocabulary
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<CustomerFeature> _features = [];

    public static FeatureVocabulary Empty => new();

    public int Count => _features.Count;

    public CustomerFeature this[int id] => _features[id];

    /// <summary>The feature's number, added when it is new.</summary>
    public int Add(CustomerFeature feature)
    {
        if (_ids.TryGetValue(feature.Code, out var id)) return id;
        _ids[feature.Code] = id = _features.Count;
        _features.Add(feature);
        return id;
    }

    /// <summary>Null when the training never saw the feature.</summary>
    public int? Find(string code) => _ids.TryGetValue(code, out var id) ? id : null;
}
