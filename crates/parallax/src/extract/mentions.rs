//! Name mentions: people, organisations and places, found without a model.

use crate::model::{Article, Doc, EntityKind, Mention, MentionForm, Span, TokenKind};

/// Finds the name mentions of the body sentences of `article`.
pub fn find_mentions(article: &Article, doc: &Doc) -> Vec<Mention> {
    // Provisional: runs of capitalised words not at sentence start.
    let mut mentions = Vec::new();
    for (sentence_index, sentence) in doc.sentences.iter().enumerate() {
        if sentence.heading {
            continue;
        }
        let tokens = doc.sentence_tokens(sentence);
        let mut run: Vec<usize> = Vec::new();
        for (position, token) in tokens.iter().enumerate() {
            let word = token.text(&article.text);
            let capitalised = token.kind == TokenKind::Word
                && word.chars().next().is_some_and(char::is_uppercase)
                && position > 0;
            if capitalised {
                run.push(position);
                continue;
            }
            push_run(&mut mentions, article, tokens, &run, sentence_index);
            run.clear();
        }
        push_run(&mut mentions, article, tokens, &run, sentence_index);
    }
    mentions
}

fn push_run(
    mentions: &mut Vec<Mention>,
    article: &Article,
    tokens: &[crate::model::Token],
    run: &[usize],
    sentence_index: usize,
) {
    let (Some(&first), Some(&last)) = (run.first(), run.last()) else {
        return;
    };
    let span = Span::new(
        article.index,
        tokens[first].start as usize,
        tokens[last].end as usize,
    );
    mentions.push(Mention {
        span,
        sentence: sentence_index as u32,
        kind: EntityKind::Other,
        form: MentionForm::Full,
        name: article.slice(&span).to_string(),
        title: None,
        title_span: None,
        antecedent: None,
    });
}
