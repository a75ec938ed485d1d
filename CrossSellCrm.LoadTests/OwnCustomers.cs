using Microsoft.Data.Sqlite;

namespace CrossSellCrm.LoadTests;

/// <summary>Each demo rep's own customers (assigned to them), in a fixed random order; every call hands out one not used before.</summary>
public sealed class OwnCustomers
{
    public static readonly string[] Reps = ["lena.wagner", "jonas.becker", "aylin.demir", "tom.fischer", "sophie.klein", "marco.rossi"];

    private readonly Dictionary<string, Queue<int>> _byRep = [];

    public OwnCustomers(string database, int seed)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        var random = new Random(seed);
        foreach (var rep in Reps)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT c.Id FROM Customers c JOIN AspNetUsers u ON u.Id = c.AssignedRepId WHERE u.UserName = $user ORDER BY c.Id";
            command.Parameters.AddWithValue("$user", $"{rep}@crm.example");
            var ids = new List<int>();
            using (var reader = command.ExecuteReader())
                while (reader.Read()) ids.Add(reader.GetInt32(0));
            if (ids.Count == 0) throw new InvalidOperationException($"{database} has no customers of {rep}");
            _byRep[rep] = new Queue<int>(ids.OrderBy(_ => random.Next()));
        }
    }

    public int Next(string rep)
    {
        lock (_byRep) return _byRep[rep].Dequeue();
    }
}
