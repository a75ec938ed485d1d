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
            migrationBuilder.AddColumn<int>(
                name: "ImportJobId",
                table: "Subscriptions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ImportJobId",
                table: "ProductRelations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ImportJobId",
                table: "OfferPresentations",
                type: "INTEGER",
                nullable: true);

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
                name: "ImportJobId",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "ImportJobId",
                table: "ProductRelations");

            migrationBuilder.DropColumn(
                name: "ImportJobId",
                table: "OfferPresentations");

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
