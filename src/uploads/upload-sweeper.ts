import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { UploadsService } from './uploads.service';

/**
 * Runs the expiry sweep every UPLOAD_SWEEP_INTERVAL_MINUTES (0: never; tests call `UploadsService.sweep` themselves).
 * The timer is unref'd, so it never keeps a process alive; with several instances each sweeps, which is harmless
 * (removing an absent upload is not an error).
 */
@Injectable()
export class UploadSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(UploadSweeper.name);
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly uploads: UploadsService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const minutes = this.config.uploadSweepIntervalMinutes;
    if (minutes === 0) return;
    this.timer = setInterval(() => void this.runOnce(), minutes * 60_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async runOnce(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const report = await this.uploads.sweep();
      if (report.removed > 0 || report.failed > 0) this.logger.log(`upload sweep: ${JSON.stringify(report)}`);
    } catch (error) {
      this.logger.error(`upload sweep failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.running = false;
    }
  }
}
