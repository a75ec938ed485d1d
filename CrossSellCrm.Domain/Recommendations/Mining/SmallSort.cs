using System.Runtime.CompilerServices;

namespace CrossSellCrm.Domain.Recommendations.Mining;

internal static class SmallSort
{
    /// <summary>
    /// Sorts ints ascending in place. Baskets and itemsets hold about ten: an insertion sort inline beats a call into the
    /// framework's sort there (which a one-shot run also executes as slow first-tier code); above 32 values it is used.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Sort(Span<int> values)
    {
        if (values.Length > 32)
        {
            values.Sort();
            return;
        }
        for (var i = 1; i < values.Length; i++)
        {
            var value = values[i];
            var j = i - 1;
            for (; j >= 0 && values[j] > value; j--) values[j + 1] = values[j];
            values[j + 1] = value;
        }
    }
}
