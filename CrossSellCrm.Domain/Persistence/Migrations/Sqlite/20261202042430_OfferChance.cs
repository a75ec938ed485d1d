using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrossSellCrm.Domain.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OfferChance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "Chance",
                table: "OfferPresentations",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ChanceFromModel",
                table: "OfferPresentations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "ShownProbability",
                table: "OfferPresentations",
                type: "REAL",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Chance",
                table: "OfferPresentations");

            migrationBuilder.DropColumn(
                name: "ChanceFromModel",
                table: "OfferPresentations");

            migrationBuilder.DropColumn(
                name: "ShownProbability",
                table: "OfferPresentations");
        }
    }
}
