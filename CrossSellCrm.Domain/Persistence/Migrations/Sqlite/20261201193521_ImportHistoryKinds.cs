using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrossSellCrm.Domain.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ImportHistoryKinds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Counts_OffersCreated",
                table: "ImportJobs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Counts_OffersUpdated",
                table: "ImportJobs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Counts_SubscriptionsCreated",
                table: "ImportJobs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Counts_SubscriptionsUpdated",
                table: "ImportJobs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Counts_OffersCreated",
                table: "ImportJobs");

            migrationBuilder.DropColumn(
                name: "Counts_OffersUpdated",
                table: "ImportJobs");

            migrationBuilder.DropColumn(
                name: "Counts_SubscriptionsCreated",
                table: "ImportJobs");

            migrationBuilder.DropColumn(
                name: "Counts_SubscriptionsUpdated",
                table: "ImportJobs");
        }
    }
}
