using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrossSellCrm.Domain.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Imports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ImportJobId",
                table: "Products",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ImportJobId",
                table: "Orders",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ImportJobId",
                table: "Customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ImportJobs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DryRun = table.Column<bool>(type: "INTEGER", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    FileHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FileBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    StoredPath = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Settings = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Seconds = table.Column<double>(type: "REAL", nullable: false),
                    BytesDone = table.Column<long>(type: "INTEGER", nullable: false),
                    RowsDone = table.Column<long>(type: "INTEGER", nullable: false),
                    Failure = table.Column<string>(type: "TEXT", nullable: true),
                    Runner = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    CancelRequested = table.Column<bool>(type: "INTEGER", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Counts_CustomersCreated = table.Column<long>(type: "INTEGER", nullable: false),
                    Counts_CustomersUpdated = table.Column<long>(type: "INTEGER", nullable: false),
                    Counts_OrderLinesCreated = table.Column<long>(type: "INTEGER", nullable: false),
                    Counts_OrdersCreated = table.Column<long>(type: "INTEGER", nullable: false),
                    Counts_OrdersUpdated = table.Column<long>(type: "INTEGER", nullable: false),
                    Counts_ProductsCreated = table.Column<long>(type: "INTEGER", nullable: false),
                    Counts_ProductsUpdated = table.Column<long>(type: "INTEGER", nullable: false),
                    Counts_RelationsCreated = table.Column<long>(type: "INTEGER", nullable: false),
                    Counts_RelationsUpdated = table.Column<long>(type: "INTEGER", nullable: false),
                    Counts_RowsDuplicate = table.Column<long>(type: "INTEGER", nullable: false),
                    Counts_RowsRejected = table.Column<long>(type: "INTEGER", nullable: false),
                    Counts_RowsSkipped = table.Column<long>(type: "INTEGER", nullable: false),
                    Counts_RowsUnchanged = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportJobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ImportMappings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Settings = table.Column<string>(type: "TEXT", nullable: false),
                    SavedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SavedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportMappings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ImportProblems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JobId = table.Column<int>(type: "INTEGER", nullable: false),
                    Line = table.Column<long>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Column = table.Column<string>(type: "TEXT", maxLength: 201, nullable: true),
                    Value = table.Column<string>(type: "TEXT", maxLength: 201, nullable: true),
                    Message = table.Column<string>(type: "TEXT", maxLength: 1001, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportProblems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImportProblems_ImportJobs_JobId",
                        column: x => x.JobId,
                        principalTable: "ImportJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ImportJobs_FileHash_Kind",
                table: "ImportJobs",
                columns: new[] { "FileHash", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_ImportMappings_Kind_Name",
                table: "ImportMappings",
                columns: new[] { "Kind", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ImportProblems_JobId",
                table: "ImportProblems",
                column: "JobId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ImportMappings");

            migrationBuilder.DropTable(
                name: "ImportProblems");

            migrationBuilder.DropTable(
                name: "ImportJobs");

            migrationBuilder.DropColumn(
                name: "ImportJobId",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "ImportJobId",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "ImportJobId",
                table: "Customers");
        }
    }
}
