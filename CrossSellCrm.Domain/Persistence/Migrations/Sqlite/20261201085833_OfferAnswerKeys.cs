using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrossSellCrm.Domain.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OfferAnswerKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "OrderId",
                table: "OfferPresentations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PresentationKey",
                table: "OfferPresentations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_OfferPresentations_OrderId",
                table: "OfferPresentations",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_OfferPresentations_PresentationKey",
                table: "OfferPresentations",
                column: "PresentationKey",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_OfferPresentations_Orders_OrderId",
                table: "OfferPresentations",
                column: "OrderId",
                principalTable: "Orders",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_OfferPresentations_Orders_OrderId",
                table: "OfferPresentations");

            migrationBuilder.DropIndex(
                name: "IX_OfferPresentations_OrderId",
                table: "OfferPresentations");

            migrationBuilder.DropIndex(
                name: "IX_OfferPresentations_PresentationKey",
                table: "OfferPresentations");

            migrationBuilder.DropColumn(
                name: "OrderId",
                table: "OfferPresentations");

            migrationBuilder.DropColumn(
                name: "PresentationKey",
                table: "OfferPresentations");
        }
    }
}
