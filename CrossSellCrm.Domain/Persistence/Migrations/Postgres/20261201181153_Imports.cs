using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CrossSellCrm.Domain.Persistence.Migrations.Postgres
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
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ImportJobId",
                table: "Orders",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ImportJobId",
                table: "Customers",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ImportJobs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DryRun = table.Column<bool>(type: "boolean", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    FileHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FileBytes = table.Column<long>(type: "bigint", nullable: false),
                    StoredPath = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Settings = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Seconds = table.Column<double>(type: "double precision", nullable: false),
                    BytesDone = table.Column<long>(type: "bigint", nullable: false),
                    RowsDone = table.Column<long>(type: "bigint", nullable: false),
                    Failure = table.Column<string>(type: "text", nullable: true),
                    Runner = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CancelRequested = table.Column<bool>(type: "boolean", nullable: false),
                    Language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Counts_CustomersCreated = table.Column<long>(type: "bigint", nullable: false),
                    Counts_CustomersUpdated = table.Column<long>(type: "bigint", nullable: false),
                    Counts_OrderLinesCreated = table.Column<long>(type: "bigint", nullable: false),
                    Counts_OrdersCreated = table.Column<long>(type: "bigint", nullable: false),
                    Counts_OrdersUpdated = table.Column<long>(type: "bigint", nullable: false),
                    Counts_ProductsCreated = table.Column<long>(type: "bigint", nullable: false),
                    Counts_ProductsUpdated = table.Column<long>(type: "bigint", nullable: false),
                    Counts_RelationsCreated = table.Column<long>(type: "bigint", nullable: false),
                    Counts_RelationsUpdated = table.Column<long>(type: "bigint", nullable: false),
                    Counts_RowsDuplicate = table.Column<long>(type: "bigint", nullable: false),
                    Counts_RowsRejected = table.Column<long>(type: "bigint", nullable: false),
                    Counts_RowsSkipped = table.Column<long>(type: "bigint", nullable: false),
                    Counts_RowsUnchanged = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportJobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ImportMappings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Settings = table.Column<string>(type: "text", nullable: false),
                    SavedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SavedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportMappings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ImportProblems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    JobId = table.Column<int>(type: "integer", nullable: false),
                    Line = table.Column<long>(type: "bigint", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Column = table.Column<string>(type: "character varying(201)", maxLength: 201, nullable: true),
                    Value = table.Column<string>(type: "character varying(201)", maxLength: 201, nullable: true),
                    Message = table.Column<string>(type: "character varying(1001)", maxLength: 1001, nullable: false)
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
