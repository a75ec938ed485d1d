using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrossSellCrm.Domain.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CustomerSearchText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Customers",
                type: "character varying(800)",
                maxLength: 800,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_SearchText",
                table: "Customers",
                column: "SearchText");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Customers_SearchText",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Customers");
        }
    }
}
