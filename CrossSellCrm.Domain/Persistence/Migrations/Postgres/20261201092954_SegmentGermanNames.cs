using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrossSellCrm.Domain.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SegmentGermanNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DescriptionDe",
                table: "Segments",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NameDe",
                table: "Segments",
                type: "character varying(120)",
                maxLength: 120,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DescriptionDe",
                table: "Segments");

            migrationBuilder.DropColumn(
                name: "NameDe",
                table: "Segments");
        }
    }
}
