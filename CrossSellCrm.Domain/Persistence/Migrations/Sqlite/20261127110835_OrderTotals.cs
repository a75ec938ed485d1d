using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrossSellCrm.Domain.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OrderTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_OrderedAt",
                table: "Orders");

            migrationBuilder.AddColumn<int>(
                name: "LineCount",
                table: "Orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<double>(
                name: "Margin",
                table: "Orders",
                type: "REAL",
                precision: 14,
                scale: 2,
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<double>(
                name: "NetRevenue",
                table: "Orders",
                type: "REAL",
                precision: 14,
                scale: 2,
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.CreateIndex(
                name: "IX_Orders_OrderedAt_NetRevenue",
                table: "Orders",
                columns: new[] { "OrderedAt", "NetRevenue" });

            // Orders written before this migration get their totals from their lines.
            migrationBuilder.Sql("""
                UPDATE "Orders" SET
                    "NetRevenue" = COALESCE((SELECT SUM("Quantity" * "UnitPrice" - "Discount") FROM "OrderLines" WHERE "OrderLines"."OrderId" = "Orders"."Id"), 0),
                    "Margin" = COALESCE((SELECT SUM("Quantity" * "UnitPrice" - "Discount" - "Quantity" * "UnitCost") FROM "OrderLines" WHERE "OrderLines"."OrderId" = "Orders"."Id"), 0),
                    "LineCount" = (SELECT COUNT(*) FROM "OrderLines" WHERE "OrderLines"."OrderId" = "Orders"."Id");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_OrderedAt_NetRevenue",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "LineCount",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "Margin",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "NetRevenue",
                table: "Orders");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_OrderedAt",
                table: "Orders",
                column: "OrderedAt");
        }
    }
}
