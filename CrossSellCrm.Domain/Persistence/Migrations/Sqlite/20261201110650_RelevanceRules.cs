using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrossSellCrm.Domain.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RelevanceRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RepurchaseDays",
                table: "Products",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SeveralAreNormal",
                table: "Categories",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "Version",
                table: "Categories",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            SeveralAreNormalData.Apply(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RepurchaseDays",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "SeveralAreNormal",
                table: "Categories");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Categories");
        }
    }
}
