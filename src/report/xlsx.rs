//! An xlsx workbook: the LKE sheet (frozen header, wrapped text, widths that print on
//! landscape pages, numbers as numbers) and a summary sheet.

use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::{Document, RowKind};

pub fn write(doc: &Document<'_>) -> Result<Vec<u8>, XlsxError> {
    let t = doc.lang.texts();
    let mut wb = Workbook::new();
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color("D9E1F2")
        .set_border_bottom(rust_xlsxwriter::FormatBorder::Thin);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let group = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color("F2F2F2");
    let num = Format::new()
        .set_num_format("0.00")
        .set_align(FormatAlign::Top);
    let group_num = Format::new()
        .set_bold()
        .set_num_format("0.00")
        .set_align(FormatAlign::Top)
        .set_background_color("F2F2F2");

    let sheet = wb.add_worksheet();
    sheet.set_name(t.lke_sheet)?;
    let headers = [
        ("ID", 14.0),
        (t.col_question, 60.0),
        (t.col_answer, 24.0),
        (t.col_score, 8.0),
        (t.earned, 9.0),
        (t.possible, 9.0),
        (t.percent, 8.0),
        (t.col_note, 50.0),
        (t.col_evidence, 36.0),
        (t.col_flag, 7.0),
    ];
    for (c, (h, w)) in headers.iter().enumerate() {
        let c = c as u16;
        sheet.write_string_with_format(0, c, *h, &head)?;
        sheet.set_column_width(c, *w)?;
    }
    sheet.set_freeze_panes(1, 1)?;
    print_setup(sheet)?;
    sheet.set_repeat_rows(0, 0)?;
    for (i, r) in doc.rows.iter().enumerate() {
        let row = (i + 1) as u32;
        let indent = "  ".repeat(r.depth);
        match &r.kind {
            RowKind::Group { percent, .. } => {
                sheet.write_string_with_format(row, 0, &r.id, &group)?;
                sheet.write_string_with_format(row, 1, format!("{indent}{}", r.text), &group)?;
                for c in [2u16, 3, 7, 8, 9] {
                    sheet.write_blank(row, c, &group)?;
                }
                sheet.write_number_with_format(row, 4, r.earned, &group_num)?;
                sheet.write_number_with_format(row, 5, r.possible, &group_num)?;
                match percent {
                    Some(p) => sheet.write_number_with_format(row, 6, *p, &group_num)?,
                    None => sheet.write_blank(row, 6, &group)?,
                };
            }
            RowKind::Question {
                answer,
                score,
                note,
                evidence,
                flag,
                ..
            } => {
                sheet.write_string_with_format(row, 0, &r.id, &wrap)?;
                sheet.write_string_with_format(row, 1, format!("{indent}{}", r.text), &wrap)?;
                sheet.write_string_with_format(row, 2, answer, &wrap)?;
                if let Some(s) = score {
                    sheet.write_number_with_format(row, 3, *s, &num)?;
                }
                sheet.write_number_with_format(row, 4, r.earned, &num)?;
                sheet.write_number_with_format(row, 5, r.possible, &num)?;
                sheet.write_string_with_format(row, 7, note.trim_end(), &wrap)?;
                sheet.write_string_with_format(row, 8, evidence.join("\n"), &wrap)?;
                if *flag {
                    sheet.write_string_with_format(row, 9, "⚑", &wrap)?;
                }
            }
        }
    }
    sheet.autofilter(0, 0, doc.rows.len() as u32, 9)?;

    let summary = wb.add_worksheet();
    summary.set_name(t.summary_sheet)?;
    summary.set_column_width(0, 22.0)?;
    summary.set_column_width(1, 60.0)?;
    summary.set_column_width(2, 10.0)?;
    summary.set_column_width(3, 10.0)?;
    summary.set_column_width(4, 10.0)?;
    summary.set_column_width(5, 12.0)?;
    print_setup(summary)?;
    let bold = Format::new().set_bold();
    let mut row = 0u32;
    summary.write_string_with_format(
        row,
        0,
        format!("{} — {}", t.report_title, doc.draft.unit),
        &bold,
    )?;
    row += 2;
    for (label, value) in doc.cover() {
        summary.write_string_with_format(row, 0, label, &bold)?;
        if label == t.index {
            summary.write_number_with_format(
                row,
                1,
                doc.score.index,
                &Format::new()
                    .set_num_format("0.00")
                    .set_align(FormatAlign::Left),
            )?;
        } else {
            summary.write_string(row, 1, value)?;
        }
        row += 1;
    }
    row += 1;
    for (c, h) in ["ID", t.group, t.earned, t.possible, t.percent, t.answered]
        .iter()
        .enumerate()
    {
        summary.write_string_with_format(row, c as u16, *h, &head)?;
    }
    row += 1;
    for r in &doc.rows {
        let RowKind::Group {
            percent,
            answered,
            questions,
        } = &r.kind
        else {
            continue;
        };
        if r.depth > 2 {
            continue;
        }
        summary.write_string(row, 0, &r.id)?;
        summary.write_string(row, 1, format!("{}{}", "  ".repeat(r.depth), r.text))?;
        summary.write_number_with_format(row, 2, r.earned, &num)?;
        summary.write_number_with_format(row, 3, r.possible, &num)?;
        if let Some(p) = percent {
            summary.write_number_with_format(row, 4, *p, &num)?;
        }
        summary.write_string(row, 5, format!("{answered}/{questions}"))?;
        row += 1;
    }
    wb.save_to_buffer()
}

fn print_setup(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    Ok(())
}
