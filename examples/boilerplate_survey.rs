//! What the ingest stage marks on a directory of articles: every boilerplate
//! line and every title, one per output line, prefixed `B` or `T` and the file
//! name, then counts. The way the fringe rules were measured on PolNeAR.
//!
//! Usage: boilerplate_survey [DIR]   (default ../shared/polnear/train/text)

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/polnear/train/text".into());
    let mut paths: Vec<_> = std::fs::read_dir(&dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    paths.sort();
    let (mut marks, mut titles, mut lines) = (0, 0, 0);
    for path in &paths {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let text = std::fs::read_to_string(path)?;
        lines += newsdigest::ingest::lines(&text).len();
        let doc = newsdigest::ingest::ingest(None, text)?;
        for m in &doc.boilerplate {
            marks += 1;
            println!("B {name}\t{:?}", &doc.text[m.clone()]);
        }
        if let Some(t) = &doc.title {
            titles += 1;
            println!("T {name}\t{:?}", t.text);
        }
    }
    println!(
        "{} files, {lines} lines, {marks} marked, {titles} titles",
        paths.len()
    );
    Ok(())
}
