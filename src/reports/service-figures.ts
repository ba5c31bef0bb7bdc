import type { ServiceFigures } from './services-report.ts';
import { institutionFigures } from '../institutions/institution-figures.ts';
import { intakeFigures } from '../intakes/intake-figures.ts';
import { shelterFigures } from '../shelters/shelter-figures.ts';
import { preventionFigures } from '../prevention/prevention-figures.ts';
import { boardFigures } from '../boards/boards-figures.ts';
import { feedbackFigures } from '../feedback/feedback-figures.ts';
import { trainingFigures } from '../trainings/training-figures.ts';

/**
 * Every service's figures (src/reports/figure-table.ts), in the order the services report shows
 * them: one line per service, its function living in the service's own folder.
 */
export const SERVICE_FIGURES: readonly ServiceFigures[] = [
  institutionFigures,
  intakeFigures,
  shelterFigures,
  preventionFigures,
  boardFigures,
  feedbackFigures,
  trainingFigures,
];
