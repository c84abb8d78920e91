// PoseLib v2.0.4 parity harness (not part of the repository build): generates a synthetic PnP scene with a
// fixed-seed mt19937_64, runs poselib::estimate_absolute_pose exactly as the Python binding does for dust3r_visloc
// run_pnp (ransac: max_reproj_error, max_iterations 10000, success_prob 0.9999; bundle_opt {} → loss_scale = thr/2),
// and writes scene + result as text.
#include "PoseLib/robust.h"
#include <cstdio>
#include <cmath>
#include <random>
#include <string>
int main(int argc, char **argv) {
    const size_t n = std::stoul(argv[1]);
    const double outlier_frac = std::stod(argv[2]), noise = std::stod(argv[3]), thr = std::stod(argv[4]);
    const unsigned long seed = std::stoul(argv[5]);
    std::mt19937_64 gen(seed);
    auto uni = [&]() { return (gen() >> 11) * (1.0 / 9007199254740992.0); };
    auto gauss = [&]() { return std::sqrt(-2 * std::log(1 - uni())) * std::cos(2 * M_PI * uni()); };
    const double f = 1469.2, cx = 800, cy = 600, k1 = -0.0353; // COLMAP SIMPLE_RADIAL of protocols.md §1.6
    std::vector<double> params = {f, f, cx, cy, k1, 0, 0, 0};
    poselib::Camera cam; cam.model_id = 4; cam.params = params; cam.width = 1600; cam.height = 1200;
    Eigen::Vector3d axis(uni() - 0.5, uni() - 0.5, uni() - 0.5);
    Eigen::Matrix3d R = Eigen::AngleAxisd(uni() * M_PI, axis.normalized()).toRotationMatrix();
    Eigen::Vector3d c(100 + 10 * uni(), -50 + 10 * uni(), 20 * uni());
    Eigen::Vector3d t = -R * c;
    std::vector<Eigen::Vector2d> x(n); std::vector<Eigen::Vector3d> X(n);
    for (size_t i = 0; i < n; ++i) {
        double u = uni() * 1600, v = uni() * 1200, z = 5 + 45 * uni();
        Eigen::Vector2d xn; cam.unproject(Eigen::Vector2d(u, v), &xn);
        X[i] = R.transpose() * (Eigen::Vector3d(xn(0) * z, xn(1) * z, z) - t);
        Eigen::Vector2d p; cam.project(xn, &p);
        if (uni() < outlier_frac) {
            Eigen::Vector2d q;
            do q = Eigen::Vector2d(uni() * 1600, uni() * 1200); while ((q - p).norm() < 2 * thr);
            x[i] = q;
        } else x[i] = p + noise * Eigen::Vector2d(gauss(), gauss());
    }
    poselib::RansacOptions ro; ro.max_reproj_error = thr; ro.max_iterations = 10000; ro.success_prob = 0.9999;
    poselib::BundleOptions bo; bo.loss_scale = 0.5 * thr;
    poselib::CameraPose pose; std::vector<char> inl;
    auto st = poselib::estimate_absolute_pose(x, X, cam, ro, bo, &pose, &inl);
    Eigen::Matrix3d Re = pose.R();
    printf("# PoseLib v2.0.4 estimate_absolute_pose parity case: n=%zu outliers=%g noise=%g px thr=%g px seed=%lu\n", n, outlier_frac, noise, thr, seed);
    printf("# camera OPENCV (COLMAP convention) fx fy cx cy k1 k2 p1 p2; then n lines u v X Y Z (COLMAP pixels);\n");
    printf("# true R (row-major) and t; estimated R and t; iterations num_inliers; inlier indices\n");
    printf("%zu %.17g\n", n, thr);
    for (double p : params) printf("%.17g ", p);
    printf("\n");
    for (size_t i = 0; i < n; ++i) printf("%.17g %.17g %.17g %.17g %.17g\n", x[i](0), x[i](1), X[i](0), X[i](1), X[i](2));
    for (const Eigen::Matrix3d *M : {&R, &Re}) {
        const Eigen::Vector3d &tt = (M == &R) ? t : pose.t;
        for (int r = 0; r < 3; ++r) for (int k = 0; k < 3; ++k) printf("%.17g ", (*M)(r, k));
        printf("\n%.17g %.17g %.17g\n", tt(0), tt(1), tt(2));
    }
    printf("%zu %zu\n", st.iterations, st.num_inliers);
    for (size_t i = 0; i < n; ++i) if (inl[i]) printf("%zu ", i);
    printf("\n");
}
