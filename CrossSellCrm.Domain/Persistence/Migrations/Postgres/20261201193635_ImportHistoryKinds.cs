using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrossSellCrm.Domain.Persistence.Migrations.Postgres
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
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Counts_OffersUpdated",
                table: "ImportJobs",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Counts_SubscriptionsCreated",
                table: "ImportJobs",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Counts_SubscriptionsUpdated",
                table: "ImportJobs",
                type: "bigint",
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
