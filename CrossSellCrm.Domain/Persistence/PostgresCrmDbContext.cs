using CrossSellCrm.Domain.Auditing;
using Microsoft.EntityFrameworkCore;

namespace CrossSellCrm.Domain.Persistence;

/// <summary>
/// The same model on PostgreSQL. A subclass only so that it owns its own migrations
/// (Persistence/Migrations/Postgres): SQLite's migrations do not apply to PostgreSQL.
/// </summary>
public sealed class PostgresCrmDbContext(DbContextOptions<PostgresCrmDbContext> options, ICurrentUser? currentUser = null)
    : CrmDbContext(options, currentUser);
