using System.Buffers.Binary;
using System.Security.Cryptography;

namespace CrossSellCrm.Domain.Experiments;

/// <summary>
/// Which arm a customer is in: a hash of (the experiment's salt, the customer's id) mapped onto the arms' shares.
/// Deterministic (the same customer lands in the same arm after a restart, on every instance), uniform, and
/// independent across experiments because each has its own salt. SHA-256, not string.GetHashCode: that one
/// changes with every process.
/// </summary>
public static class ExperimentAssignment
{
    /// <summary>The customer's point in [0, 1) for this experiment.</summary>
    public static double Unit(Guid salt, int customerId)
    {
        Span<byte> input = stackalloc byte[20];
        salt.TryWriteBytes(input);
        BinaryPrimitives.WriteInt32LittleEndian(input[16..], customerId);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        return (BinaryPrimitives.ReadUInt64LittleEndian(hash) >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>The arm whose slice of [0, 100) the customer's point falls in, by the arms' order.</summary>
    public static T Arm<T>(Guid salt, int customerId, IReadOnlyList<T> arms, Func<T, int> sharePercent)
    {
        if (arms.Count == 0) throw new ArgumentException("An experiment needs arms.", nameof(arms));
        var point = Unit(salt, customerId) * arms.Sum(sharePercent);
        var upTo = 0.0;
        foreach (var arm in arms)
        {
            upTo += sharePercent(arm);
            if (point < upTo) return arm;
        }
        return arms[^1];
    }
}
